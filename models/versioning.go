package models

import "gorm.io/gorm"

// updateSeenVersion writes values to the row of model whose keyColumn is id, only while its
// version is still seen: the optimistic lock of every change made on what a client last read.
// When no row matches, another change came first and the answer is a conflict saying conflict.
func updateSeenVersion(tx *gorm.DB, model any, keyColumn, id string, seen int, values map[string]any, conflict string) error {
	res := tx.Model(model).Where(keyColumn+" = ? AND version = ?", id, seen).Updates(values)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return Conflict(conflict)
	}
	return nil
}
