package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"consult/internal/auth/token"
	"consult/internal/clock"
	"consult/internal/config"
	"consult/internal/database"
	"consult/internal/logging"
	"consult/internal/mail"
	"consult/models"
)

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "consult",
		Short: "Public consultation on draft cybersecurity certification schemes",
		Long: `consult serves the consultation platform (REST API and web app) and runs its operator tasks.

Configuration comes from CONSULT_* environment variables (see README.md, "Configuration").
With no configuration it runs in development mode on the SQLite file ./data/consult.db.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newServeCommand(), newMigrateCommand(), newUsersCommand(), newDemoCommand(), newAuditCommand(), newExportCommand(), newBenchDataCommand(),
		newPasswordWorkerCommand())
	return root
}

// env is what every subcommand starts from: validated configuration and a logger.
type env struct {
	cfg *config.Config
	log *slog.Logger
}

func loadEnv() (*env, error) {
	cfg, err := config.Load(os.Environ())
	if err != nil {
		return nil, err
	}
	log := logging.New(os.Stderr, cfg.LogFormat, cfg.LogLevel)
	slog.SetDefault(log)
	return &env{cfg: cfg, log: log}, nil
}

// openDB opens the configured database.
func (e *env) openDB() (*database.DB, error) {
	return database.Open(e.cfg.DatabaseURL, e.log)
}

// withDatabase runs a command's work with the configuration and an open database, closed after.
func withDatabase(work func(c *cobra.Command, e *env, db *database.DB) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, _ []string) error {
		e, err := loadEnv()
		if err != nil {
			return err
		}
		db, err := e.openDB()
		if err != nil {
			return err
		}
		defer db.Close()
		return work(c, e, db)
	}
}

// withKeyedDatabase is withDatabase whose handle holds the audit key, for work on the audit trail.
func withKeyedDatabase(work func(c *cobra.Command, e *env, db *database.DB) error) func(*cobra.Command, []string) error {
	return withDatabase(func(c *cobra.Command, e *env, db *database.DB) error {
		if err := e.useAuditKey(db); err != nil {
			return err
		}
		return work(c, e, db)
	})
}

// openLoaded opens the database for a command that loads data (demo, bench-data): with the audit
// key in use and migrated in development; in production a pending migration is refused, since
// only `consult migrate up` migrates there. The caller closes the database.
func (e *env) openLoaded(ctx context.Context) (*database.DB, error) {
	db, err := e.openDB()
	if err != nil {
		return nil, err
	}
	err = e.useAuditKey(db)
	if err == nil {
		err = e.migrateForLoad(ctx, db)
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// migrateForLoad migrates in development and refuses a pending migration in production.
func (e *env) migrateForLoad(ctx context.Context, db *database.DB) error {
	m, err := db.NewMigrator(true)
	if err != nil {
		return err
	}
	if !e.cfg.IsProduction() {
		if _, err := m.Up(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		return nil
	}
	if pending, err := m.Pending(ctx); err != nil || pending {
		return errors.New("the database is not migrated: run `consult migrate up` first")
	}
	return nil
}

// resolveSecret loads or, in development, generates the JWT signing secret.
func (e *env) resolveSecret() error {
	warning, err := e.cfg.ResolveSecret(randomSecret)
	if warning != "" {
		e.log.Warn(warning)
	}
	return err
}

// useAuditKey loads or, in development, generates the audit key and gives it to the handle.
func (e *env) useAuditKey(db *database.DB) error {
	warning, err := e.cfg.ResolveAuditKey(randomSecret)
	if warning != "" {
		e.log.Warn(warning)
	}
	if err != nil {
		return err
	}
	return models.UseAuditKey(db.DB, []byte(e.cfg.AuditKey))
}

// randomSecret makes a development secret: 48 random bytes, base64url.
func randomSecret() (string, error) {
	b := make([]byte, 48)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// checkpointPath is the audit checkpoint's file in the data folder.
func (e *env) checkpointPath() string { return filepath.Join(e.cfg.DataDir, checkpointFileName) }

// tokenIssuer makes the access-token issuer from the resolved secret.
func (e *env) tokenIssuer(clk clock.Clock) (*token.Issuer, error) {
	return token.NewIssuer(token.Config{Secret: []byte(e.cfg.JWTSecret), Issuer: e.cfg.BaseURL, Audience: e.cfg.BaseURL + "/api", Clock: clk.Now})
}

// mailSender is SMTP when CONSULT_SMTP_URL is set, else the development outbox folder.
func (e *env) mailSender() (mail.Sender, error) {
	if e.cfg.SMTPURL != "" {
		return mail.NewSMTP(e.cfg.SMTPURL, e.cfg.MailFrom)
	}
	dir := filepath.Join(e.cfg.DataDir, "outbox")
	e.log.Warn("CONSULT_SMTP_URL is not set: mails go to the development outbox and the log", "folder", dir)
	return mail.NewFolder(dir, e.cfg.MailFrom, e.log), nil
}

// nowUTC is the wall clock for command-line tasks.
func nowUTC() time.Time { return time.Now().UTC() }
