package config

import (
	"fmt"
	"time"
)

// MaxAuditCheckpointInterval is the longest time between two audit checkpoints of a server.
const MaxAuditCheckpointInterval = time.Hour

// validateAudit checks the key of the audit chain and the checkpoint interval. The key is
// required in production, like the JWT secret.
func (c *Config) validateAudit() error {
	if c.AuditKey != "" && c.AuditKeyFile != "" {
		return &Error{"CONSULT_AUDIT_KEY", "set either CONSULT_AUDIT_KEY or CONSULT_AUDIT_KEY_FILE, not both"}
	}
	if c.AuditKey != "" && len(c.AuditKey) < MinSecretBytes {
		return &Error{"CONSULT_AUDIT_KEY", fmt.Sprintf("must be at least %d bytes", MinSecretBytes)}
	}
	if c.IsProduction() && c.AuditKey == "" && c.AuditKeyFile == "" {
		return &Error{"CONSULT_AUDIT_KEY", "is required in production (or CONSULT_AUDIT_KEY_FILE)"}
	}
	if c.AuditCheckpoint < time.Second || c.AuditCheckpoint > MaxAuditCheckpointInterval {
		return &Error{"CONSULT_AUDIT_CHECKPOINT_INTERVAL", "must be between 1s and 1h"}
	}
	return nil
}
