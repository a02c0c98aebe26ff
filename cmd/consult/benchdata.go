package main

import (
	"encoding/json"
	"errors"

	"github.com/spf13/cobra"

	"consult/internal/auth/password"
	"consult/internal/benchdata"
	"consult/internal/neardup"
)

func newBenchDataCommand() *cobra.Command {
	opts := benchdata.Options{}
	var force bool
	cmd := &cobra.Command{
		Use:   "bench-data",
		Short: "Fill the database with one large consultation for the load benchmark (make bench)",
		Long: `Fill the configured database with the load benchmark's data: a draft of many clauses, a
consultation open on it, a moderator and --stakeholders stakeholder accounts with profiles, all with
the password --password, and --comments comments stored in batches: texts varied from templates,
campaigns of near-duplicates mixed in, every publication choice, most comments published. In
development the database is migrated first. It prints what it made as JSON (the consultation,
draft and clause ids, the account emails, the time taken), for the load driver in bench/load.

The accounts' password is given on the command line, so the command refuses to run in production
unless --force is given.`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			e, err := loadEnv()
			if err != nil {
				return err
			}
			if e.cfg.IsProduction() && !force {
				return errors.New("refusing to load benchmark accounts with a known password in production (use --force on a throw-away installation)")
			}
			if opts.Comments < 0 || opts.Stakeholders < 1 || len(opts.Password) < 12 {
				return errors.New("--comments must be at least 0, --stakeholders at least 1 and --password at least 12 characters")
			}
			db, err := e.openLoaded(c.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			opts.Grouping = neardup.DefaultConfig()
			opts.Grouping.Threshold = e.cfg.ClusterSimilarity
			res, err := benchdata.Generate(c.Context(), db.DB, password.NewHasher(), opts, nowUTC())
			if err != nil {
				return err
			}
			enc := json.NewEncoder(c.OutOrStdout())
			enc.SetIndent("", "  ")
			return enc.Encode(res)
		},
	}
	cmd.Flags().IntVar(&opts.Comments, "comments", 100_000, "comments to generate")
	cmd.Flags().IntVar(&opts.Stakeholders, "stakeholders", 2000, "stakeholder accounts to make")
	cmd.Flags().StringVar(&opts.Password, "password", "", "the password of every account made (at least 12 characters)")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "the seed of the texts and the mix: the same seed gives the same data")
	cmd.Flags().BoolVar(&force, "force", false, "load even in production")
	return cmd
}
