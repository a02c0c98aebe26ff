package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// secret is one option holding a key: its value, the file that may hold it instead, and the file
// a development key is kept in.
type secret struct {
	what    string // "JWT secret", for messages
	option  string // CONSULT_JWT_SECRET; the file form is option+"_FILE"
	value   *string
	file    string
	devFile string
}

// ResolveSecret fills JWTSecret: from CONSULT_JWT_SECRET_FILE when set, else in development from
// a file kept in the data folder, generated on first use. It returns a warning to log, if any.
func (c *Config) ResolveSecret(generate func() (string, error)) (warning string, err error) {
	warning, generated, err := c.resolve(secret{what: "JWT secret", option: "CONSULT_JWT_SECRET", value: &c.JWTSecret, file: c.JWTSecretFile, devFile: "jwt-secret"}, generate)
	c.SecretGenerated = c.SecretGenerated || generated
	return warning, err
}

// ResolveAuditKey fills AuditKey the same way: from CONSULT_AUDIT_KEY_FILE when set, else in
// development from the file audit-key beside the SQLite file (or in the data folder), generated on
// first use. It returns a warning to log, if any.
func (c *Config) ResolveAuditKey(generate func() (string, error)) (warning string, err error) {
	warning, _, err = c.resolve(secret{what: "audit key", option: "CONSULT_AUDIT_KEY", value: &c.AuditKey, file: c.AuditKeyFile, devFile: "audit-key"}, generate)
	return warning, err
}

// resolve reads s from its file, keeps its value, or in development reads or generates the
// development file. generated reports that the development file was used.
func (c *Config) resolve(s secret, generate func() (string, error)) (warning string, generated bool, err error) {
	if s.file != "" {
		b, err := os.ReadFile(s.file)
		if err != nil {
			return "", false, &Error{s.option + "_FILE", "cannot be read: " + err.Error()}
		}
		*s.value = strings.TrimSpace(string(b))
		if len(*s.value) < MinSecretBytes {
			return "", false, &Error{s.option + "_FILE", fmt.Sprintf("holds fewer than %d bytes", MinSecretBytes)}
		}
		return "", false, nil
	}
	if *s.value != "" {
		return "", false, nil
	}
	path := filepath.Join(c.SecretDir(), s.devFile)
	b, err := os.ReadFile(path) //nolint:gosec // the path comes from the operator's own configuration
	if err == nil && len(strings.TrimSpace(string(b))) >= MinSecretBytes {
		*s.value = strings.TrimSpace(string(b))
		return "development " + s.what + " read from " + path + "; set " + s.option + " in production", true, nil
	}
	value, err := generate()
	if err != nil {
		return "", false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", false, &Error{s.option, "cannot create " + filepath.Dir(path) + ": " + err.Error()}
	}
	if err := os.WriteFile(path, []byte(value+"\n"), 0o600); err != nil {
		return "", false, &Error{s.option, "cannot write " + path + ": " + err.Error()}
	}
	*s.value = value
	return "development " + s.what + " generated and kept in " + path + "; set " + s.option + " in production", true, nil
}

// SecretDir is where the development secret lives: beside the SQLite file, else the data folder.
func (c *Config) SecretDir() string {
	if driver, dsn, err := ParseDatabaseURL(c.DatabaseURL); err == nil && driver == "sqlite" && dsn != ":memory:" {
		return filepath.Dir(dsn)
	}
	return c.DataDir
}
