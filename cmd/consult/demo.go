package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"consult/internal/auth/password"
	"consult/internal/demo"
)

func newDemoCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load the demo data: a scheme, two drafts, a closed and an open consultation, demo accounts",
		Long: `Load consult's demonstration data into the configured database, so that a newcomer sees a
scheme, its draft versions, a closed consultation with its comments, decisions and published
report, and an open consultation with its first comments at once. In development the database is
migrated first. Running it again changes nothing.

The demo accounts' passwords are printed and public, so the command refuses to run in production
unless --force is given.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			e, err := loadEnv()
			if err != nil {
				return err
			}
			if e.cfg.IsProduction() && !force {
				return errors.New("refusing to load demo accounts with public passwords in production (use --force on a throw-away installation)")
			}
			db, err := e.openLoaded(c.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			out := c.OutOrStdout()
			err = demo.Load(c.Context(), db.DB, password.NewHasher(), e.cfg.BaseURL, nowUTC())
			switch {
			case errors.Is(err, demo.ErrAlreadyLoaded):
				fmt.Fprintln(out, "demo data already loaded; nothing changed")
			case err != nil:
				return err
			default:
				fmt.Fprintln(out, "demo data loaded: scheme "+demo.SchemeSlug+" with drafts 0.9 (consultation closed) and 1.0 (consultation open)")
			}
			fmt.Fprintln(out, "demo accounts (sign in at "+e.cfg.BaseURL+"):")
			for _, a := range demo.Accounts {
				fmt.Fprintf(out, "  %-12s %-26s %s\n", a.Role, a.Email, a.Password)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "load the demo even in production")
	return cmd
}
