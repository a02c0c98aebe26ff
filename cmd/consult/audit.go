package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"consult/internal/database"
	"consult/models"
)

// checkpointInDataDir stands for the server's checkpoint file when --checkpoint names no file.
const checkpointInDataDir = "$CONSULT_DATA_DIR/" + checkpointFileName

func newAuditCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Check the audit trail of staff actions",
	}
	var checkpoint string
	verify := &cobra.Command{
		Use:   "verify [--checkpoint [FILE]]",
		Short: "Walk the keyed hash chain of the audit trail and report the first changed or missing event",
		Long: `Recompute the HMAC-SHA256 of every audit event in order with the audit key (CONSULT_AUDIT_KEY)
and check that each names the hash of the one before it. A changed, inserted or deleted event, or
an event hashed without the key, breaks the chain: the command names it and exits with status 1.
Exit status 0 means the chain holds.

Deleting the newest events leaves a shorter chain that still holds. With --checkpoint the command
also checks that the chain still reaches a checkpoint written by 'consult serve' (at start and
every CONSULT_AUDIT_CHECKPOINT_INTERVAL): the checkpoint must be signed with the audit key, and the
event at its position must exist and have its hash. FILE defaults to the server's file,
` + checkpointInDataDir + `.`,
		Args: cobra.MaximumNArgs(1),
	}
	verify.RunE = func(c *cobra.Command, args []string) error {
		return withKeyedDatabase(func(c *cobra.Command, e *env, db *database.DB) error {
			path, err := checkpointFile(c, e, checkpoint, args)
			if err != nil {
				return err
			}
			n, err := models.VerifyAudit(c.Context(), db.DB)
			var brk *models.AuditBreak
			if errors.As(err, &brk) {
				return fmt.Errorf("%w (after %d good events)", brk, n)
			}
			if err != nil {
				return err
			}
			if path == "" {
				fmt.Fprintf(c.OutOrStdout(), "audit trail intact: %d events\n", n)
				return nil
			}
			cp, err := readCheckpoint(path)
			if err != nil {
				return err
			}
			if err := models.CheckAuditCheckpoint(c.Context(), db.DB, cp); err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "audit trail intact: %d events; it reaches the checkpoint of %s (%d events)\n",
				n, cp.At.UTC().Format(time.RFC3339), cp.Events)
			return nil
		})(c, args)
	}
	verify.Flags().StringVar(&checkpoint, "checkpoint", "", "also check that the chain reaches the checkpoint in FILE")
	verify.Flags().Lookup("checkpoint").NoOptDefVal = checkpointInDataDir
	cmd.AddCommand(verify)
	return cmd
}

// checkpointFile is the file given to --checkpoint, as "--checkpoint=FILE", "--checkpoint FILE"
// or "--checkpoint" alone for the server's file; "" without the flag.
func checkpointFile(c *cobra.Command, e *env, flag string, args []string) (string, error) {
	switch {
	case !c.Flags().Changed("checkpoint"):
		if len(args) > 0 {
			return "", fmt.Errorf("unexpected argument %q (did you mean --checkpoint %s?)", args[0], args[0])
		}
		return "", nil
	case flag != checkpointInDataDir:
		if len(args) > 0 {
			return "", fmt.Errorf("unexpected argument %q", args[0])
		}
		return flag, nil
	case len(args) > 0:
		return args[0], nil
	default:
		return e.checkpointPath(), nil
	}
}
