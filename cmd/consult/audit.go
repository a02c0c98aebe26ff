package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"consult/internal/database"
	"consult/models"
)

func newAuditCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Check the audit trail of staff actions",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "verify",
		Short: "Walk the hash chain of the audit trail and report the first changed or missing event",
		Long: `Recompute the hash of every audit event in order and check that each names the hash of the one
before it. A changed, inserted or deleted event breaks the chain: the command names it and exits
with status 1. Exit status 0 means the chain holds.`,
		Args: cobra.NoArgs,
		RunE: withDatabase(func(c *cobra.Command, _ *env, db *database.DB) error {
			n, err := models.VerifyAudit(c.Context(), db.DB)
			var brk *models.AuditBreak
			if errors.As(err, &brk) {
				return fmt.Errorf("%w (after %d good events)", brk, n)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "audit trail intact: %d events\n", n)
			return nil
		}),
	})
	return cmd
}
