package models

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// MinAuditKeyBytes is the shortest audit key accepted.
const MinAuditKeyBytes = 32

// auditKeyName names the audit key among a database handle's GORM plugins.
const auditKeyName = "consult:audit-key"

// auditKey is the secret that keys the audit chain and its checkpoints. It travels as a GORM
// plugin because every session and transaction made from a handle shares the handle's plugins, so
// RecordAudit finds it inside any transaction, and two handles (two tests) can hold two keys.
type auditKey struct{ secret []byte }

// Name names the plugin.
func (auditKey) Name() string { return auditKeyName }

// The plugin only carries the key: there is nothing to register when gorm installs it.
func (auditKey) Initialize(*gorm.DB) error { return nil } //nolint:misspell // gorm.Plugin names it so

// UseAuditKey gives a database handle the key of its audit chain. Call it once, right after
// opening the handle and before sharing it: recording, verifying and checkpointing the audit trail
// fail on a handle without a key, so that no event is ever written unkeyed.
func UseAuditKey(db *gorm.DB, key []byte) error {
	if len(key) < MinAuditKeyBytes {
		return fmt.Errorf("the audit key must be at least %d bytes", MinAuditKeyBytes)
	}
	return db.Use(auditKey{secret: bytes.Clone(key)})
}

// auditMAC is the HMAC-SHA256, under the handle's audit key, of the parts joined by a unit
// separator.
func auditMAC(db *gorm.DB, parts ...string) (string, error) {
	k, ok := db.Plugins[auditKeyName].(auditKey)
	if !ok {
		return "", errors.New("no audit key on this database handle (models.UseAuditKey)")
	}
	m := hmac.New(sha256.New, k.secret)
	m.Write(joinFields(parts))
	return hex.EncodeToString(m.Sum(nil)), nil
}

// unkeyedHash is the plain SHA-256 of the parts, the hash of the chain before it was keyed. It only
// serves to tell such an event apart when the chain is verified.
func unkeyedHash(parts ...string) string {
	sum := sha256.Sum256(joinFields(parts))
	return hex.EncodeToString(sum[:])
}

func joinFields(parts []string) []byte { return []byte(strings.Join(parts, "\x1f")) }
