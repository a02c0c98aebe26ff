package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"consult/internal/auth/password"
	"consult/internal/database"
	"consult/models"
)

func newUsersCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage accounts from the command line",
	}
	cmd.AddCommand(newUsersCreateCommand())
	return cmd
}

func newUsersCreateCommand() *cobra.Command {
	var in models.NewAccount
	var role string
	cmd := &cobra.Command{
		Use:   "create --email E --name N --role admin|moderator|stakeholder",
		Short: "Create a verified account; the password is read from standard input",
		Long: `Create an account whose email counts as verified, for staff and for testing. The creation is
recorded in the audit trail as "user.created" with no actor (the command line).

The password is the first line of standard input, so it stays out of the shell history and the
process list:

  printf '%s\n' "$PASSWORD" | consult users create --email ana@agency.europa.eu --name "Ana" --role admin

The password must meet the same policy as in the web app (12 to 128 characters, not a common one).`,
		Args: cobra.NoArgs,
		RunE: withKeyedDatabase(func(c *cobra.Command, _ *env, db *database.DB) error {
			pw, err := readPassword(c.InOrStdin())
			if err != nil {
				return err
			}
			if err := password.Check(pw, in.Email, in.Profile.DisplayName, in.Profile.Organisation); err != nil {
				return fmt.Errorf("password %w", err)
			}
			in.Role = models.Role(role)
			in.Verified = true
			in.PasswordHash, err = password.NewHasher().Hash(c.Context(), pw)
			if err != nil {
				return err
			}
			u, err := models.CreateUserByOperator(c.Context(), db.DB, in, nowUTC())
			if err != nil {
				return describe(err)
			}
			fmt.Fprintf(c.OutOrStdout(), "created %s %s (id %s)\n", u.Role, u.Email, u.ID)
			return nil
		}),
	}
	f := cmd.Flags()
	f.StringVar(&in.Email, "email", "", "email address (required)")
	f.StringVar(&in.Profile.DisplayName, "name", "", "display name (required)")
	f.StringVar(&role, "role", "", "admin, moderator or stakeholder (required)")
	f.StringVar(&in.Profile.Organisation, "organisation", "", "organisation")
	f.StringVar(&in.Profile.StakeholderType, "stakeholder-type", "public_authority", "stakeholder type (see API.md)")
	f.StringVar(&in.Profile.Country, "country", "BE", "ISO 3166-1 alpha-2 country code")
	f.StringVar(&in.Profile.Language, "language", "en", "preferred language")
	for _, name := range []string{"email", "name", "role"} {
		_ = cmd.MarkFlagRequired(name)
	}
	return cmd
}

func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input (pipe it in: printf '%s\\n' \"$PASSWORD\" | consult users create …)")
	}
	return line, nil
}

// describe turns a validation error into one readable line for the terminal.
func describe(err error) error {
	var de *models.Error
	if errors.As(err, &de) && len(de.Fields) > 0 {
		parts := make([]string, 0, len(de.Fields))
		for _, f := range de.Fields {
			parts = append(parts, f.Field+" "+f.Message)
		}
		return errors.New(de.Message + ": " + strings.Join(parts, "; "))
	}
	return err
}
