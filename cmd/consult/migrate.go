package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"consult/internal/database"
)

func newMigrateCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply, roll back or list the database migrations",
		Long: `Apply, roll back or list the embedded SQL migrations of the configured database
(CONSULT_DATABASE_URL). On PostgreSQL an advisory lock makes concurrent runs wait for each other.`,
	}
	cmd.AddCommand(
		migrateSub("up", "Apply every pending migration", func(c *cobra.Command, m *database.Migrator) error {
			n, err := m.Up(c.Context())
			if err == nil {
				fmt.Fprintf(c.OutOrStdout(), "applied %d migration(s)\n", n)
			}
			return err
		}),
		migrateSub("down", "Roll back the most recent migration", func(c *cobra.Command, m *database.Migrator) error {
			if err := m.Down(c.Context()); err != nil {
				return err
			}
			fmt.Fprintln(c.OutOrStdout(), "rolled back one migration")
			return nil
		}),
		migrateSub("status", "List the migrations and whether each is applied", func(c *cobra.Command, m *database.Migrator) error {
			st, err := m.Status(c.Context())
			if err != nil {
				return err
			}
			for _, s := range st {
				state := "pending"
				if s.Applied {
					state = "applied"
				}
				fmt.Fprintf(c.OutOrStdout(), "%05d  %-8s %s\n", s.Version, state, s.Name)
			}
			return nil
		}),
	)
	return cmd
}

func migrateSub(use, short string, run func(*cobra.Command, *database.Migrator) error) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: withDatabase(func(c *cobra.Command, _ *env, db *database.DB) error {
			m, err := db.NewMigrator(true)
			if err != nil {
				return err
			}
			return run(c, m)
		}),
	}
}
