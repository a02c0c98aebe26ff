package models_test

import (
	"errors"

	"consult/models"
)

// codeOf is the code of a domain error, CodeInternal for any other error, "" for none.
func codeOf(err error) models.Code {
	var e *models.Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return models.CodeInternal
	}
	return ""
}
