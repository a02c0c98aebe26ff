package faults_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver under database/sql
)

// cluster is a private PostgreSQL server in a temporary folder, on a free port, with trust
// authentication: the fault tests stop and restart it, which they must never do to a shared one.
type cluster struct {
	bin    string   // folder of initdb, pg_ctl and postgres
	dir    string   // the temporary folder: data/, the socket and the server log
	port   int      // TCP port on 127.0.0.1
	runAs  []string // command prefix that runs PostgreSQL's tools as a non-root user, when we are root
	admin  *sql.DB  // connection to the postgres database, for CREATE DATABASE and checks
	nextDB int
}

// startCluster runs initdb and starts the server; on failure it leaves nothing behind.
func startCluster() (*cluster, error) {
	bin, err := postgresBin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "consult-faults-pg-")
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir}
	if err := c.init(); err != nil {
		c.remove()
		return nil, err
	}
	return c, nil
}

func (c *cluster) init() error {
	var err error
	if os.Geteuid() == 0 {
		// initdb and postgres refuse to run as root: hand the folder to the postgres account.
		if err := c.giveTo("postgres"); err != nil {
			return err
		}
		c.runAs = []string{"runuser", "-u", "postgres", "--"}
	}
	if c.port, err = freePort(); err != nil {
		return err
	}
	if out, err := c.tool("initdb", "-D", c.dataDir(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	if err := c.start(); err != nil {
		return err
	}
	c.admin, err = sql.Open("pgx", c.url("postgres"))
	if err != nil {
		return err
	}
	c.admin.SetMaxIdleConns(0) // no connection kept across a restart
	return nil
}

// postgresBin finds PostgreSQL's programs: CONSULT_FAULTS_PG_BIN, else the newest Debian
// installation under /usr/lib/postgresql, else the folder of initdb on the PATH.
func postgresBin() (string, error) {
	if dir := os.Getenv("CONSULT_FAULTS_PG_BIN"); dir != "" {
		return dir, nil
	}
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	slices.SortFunc(versions, func(a, b string) int { return versionOf(a) - versionOf(b) })
	if len(versions) > 0 {
		return filepath.Dir(versions[len(versions)-1]), nil
	}
	initdb, err := exec.LookPath("initdb")
	if err != nil {
		return "", fmt.Errorf("no PostgreSQL programs: install postgresql or set CONSULT_FAULTS_PG_BIN")
	}
	return filepath.Dir(initdb), nil
}

func versionOf(initdbPath string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdbPath))))
	return n
}

func (c *cluster) giveTo(account string) error {
	u, err := user.Lookup(account)
	if err != nil {
		return fmt.Errorf("running as root needs the %s account to run PostgreSQL: %w", account, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(c.dir, uid, gid)
}

func (c *cluster) dataDir() string { return filepath.Join(c.dir, "data") }

func (c *cluster) tool(name string, args ...string) *exec.Cmd {
	argv := append(slices.Clone(c.runAs), filepath.Join(c.bin, name))
	argv = append(argv, args...)
	return exec.Command(argv[0], argv[1:]...)
}

// start starts the server and waits until it accepts connections. fsync is off: the tests kill
// processes, never the machine, and the operating system keeps what was written.
func (c *cluster) start() error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100", c.port, c.dir)
	out, err := c.tool("pg_ctl", "-D", c.dataDir(), "-l", filepath.Join(c.dir, "server.log"), "-o", opts, "-w", "-t", "60", "start").CombinedOutput()
	if err != nil {
		return fmt.Errorf("start PostgreSQL: %w\n%s\n%s", err, out, c.log())
	}
	return nil
}

// stop shuts the server down in fast mode: sessions are ended at once, open transactions rolled
// back, as an administrator's restart does.
func (c *cluster) stop() error {
	out, err := c.tool("pg_ctl", "-D", c.dataDir(), "-m", "fast", "-w", "-t", "60", "stop").CombinedOutput()
	if err != nil {
		return fmt.Errorf("stop PostgreSQL: %w\n%s", err, out)
	}
	return nil
}

// remove stops the server if it runs and deletes its folder.
func (c *cluster) remove() {
	if c.admin != nil {
		_ = c.admin.Close()
	}
	_ = c.tool("pg_ctl", "-D", c.dataDir(), "-m", "immediate", "-w", "stop").Run()
	_ = os.RemoveAll(c.dir)
}

func (c *cluster) log() string {
	b, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
	return string(b)
}

func (c *cluster) url(database string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, database)
}

// newDatabase creates an empty database for one scenario and returns its URL.
func (c *cluster) newDatabase(ctx context.Context) (string, error) {
	c.nextDB++
	name := "consult_" + strconv.Itoa(c.nextDB)
	if _, err := c.admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("create database: %w", err)
	}
	return c.url(name), nil
}
