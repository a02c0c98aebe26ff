package main

import (
	"context"
	"fmt"
	"net"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"consult/api"
	"consult/internal/auth/password"
	"consult/internal/clock"
	"consult/internal/config"
	"consult/internal/database"
	"consult/internal/mail"
	"consult/internal/neardup"
	"consult/internal/storage"
	"consult/models"
)

func newServeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Serve the API and the web app on CONSULT_ADDR",
		Long: `Serve the API and the web app on CONSULT_ADDR (default 127.0.0.1:8080).

In development the database is migrated at start. In production a pending migration is not
applied: the server starts, /readyz answers 503 and the API answers 503 migration_pending until
'consult migrate up' has run. An audit checkpoint (event count and head hash, signed with the
audit key) goes to the log and to audit-checkpoint.json in CONSULT_DATA_DIR at start and every
CONSULT_AUDIT_CHECKPOINT_INTERVAL. SIGINT or SIGTERM stop accepting connections and let in-flight
requests finish within CONSULT_SHUTDOWN_TIMEOUT, then close the database.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := loadEnv()
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return e.serve(ctx)
		},
	}
}

func (e *env) serve(ctx context.Context) error {
	if err := e.resolveSecret(); err != nil {
		return err
	}
	grouping := neardup.DefaultConfig()
	grouping.Threshold = e.cfg.ClusterSimilarity
	if err := grouping.Validate(); err != nil {
		return &config.Error{Option: "CONSULT_CLUSTER_SIMILARITY", Reason: err.Error()}
	}
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil {
			e.log.Warn("close database", "error", err)
		}
	}()
	if err := e.useAuditKey(db); err != nil {
		return err
	}
	migrator, err := db.NewMigrator(true)
	if err != nil {
		return err
	}
	if !e.cfg.IsProduction() {
		n, err := migrator.Up(ctx)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			e.log.Info("database migrated", "applied", n)
		}
	}
	ready, err := database.NewReadiness(ctx, db, migrator)
	if err != nil {
		return fmt.Errorf("read migration state: %w", err)
	}
	if ready.MigrationPending() {
		e.log.Error("a database migration is pending: not serving the API until `consult migrate up` has run")
		go ready.Watch(ctx, 5*time.Second, e.log)
	}
	// Listen first: in development the base URL (mailed links, token issuer, origin check) is the
	// address really served, port 0 included.
	ln, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		return err
	}
	e.cfg.Listening(ln.Addr().String())
	clk := clock.System{}
	tokens, err := e.tokenIssuer(clk)
	if err != nil {
		_ = ln.Close()
		return err
	}
	sender, err := e.mailSender()
	if err != nil {
		_ = ln.Close()
		return err
	}
	workerCtx, stopWorker := context.WithCancel(context.Background())
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		(&mail.Worker{DB: db.DB, Sender: sender, Clock: clk, Log: e.log, Interval: 2 * time.Second,
			Concurrency: e.cfg.MailConcurrency, Handoff: models.QueuedMail}).Run(workerCtx)
	}()
	defer func() { stopWorker(); <-workerDone }()
	checkpointsDone := make(chan struct{})
	go func() {
		defer close(checkpointsDone)
		cp := &checkpointer{db: db, path: e.checkpointPath(), log: e.log, clock: clk, skip: ready.MigrationPending}
		cp.run(workerCtx, e.cfg.AuditCheckpoint)
	}()
	defer func() { stopWorker(); <-checkpointsDone }()
	files, err := storage.NewFolder(filepath.Join(e.cfg.DataDir, "files"))
	if err != nil {
		_ = ln.Close()
		return fmt.Errorf("file store in CONSULT_DATA_DIR: %w", err)
	}
	defer files.Close()
	hashing := []password.Option{password.WithBudget(password.DefaultBudget().LimitShare(e.cfg.HashingShare))}
	if workers := e.passwordWorkers(); workers != nil {
		defer workers.Close()
		hashing = append(hashing, password.WithWorkers(workers))
	}
	hasher := password.NewHasher(hashing...)
	clusters := models.NewClusterer(db.DB, grouping, e.log)
	if !ready.MigrationPending() {
		go e.warmClusters(workerCtx, clusters, clk.Now())
	}
	router := api.New(api.Deps{Config: e.cfg, DB: db, Readiness: ready, Clock: clk, Log: e.log, Hasher: hasher, Tokens: tokens, Files: files,
		Grouping: grouping, Clusters: clusters})
	e.log.Info("serving", "addr", ln.Addr().String(), "env", e.cfg.Env, "database", string(db.Dialect), "base_url", e.cfg.BaseURL)
	limited := api.LimitConnsPerAddress(ln, api.MaxConnsPerAddress, e.cfg.TrustedProxyNets)
	return api.Serve(ctx, limited, router, e.cfg.ShutdownTimeout, e.log)
}

// warmClusters loads the campaign indexes of the open consultations (Clusterer.Warm) and logs
// how long it took.
func (e *env) warmClusters(ctx context.Context, clusters *models.Clusterer, now time.Time) {
	started := time.Now()
	if err := clusters.Warm(ctx, now); err != nil {
		e.log.Warn("loading the campaign indexes of open consultations", "error", err)
		return
	}
	e.log.Info("campaign indexes of open consultations loaded", "comments", clusters.IndexedComments(), "took", time.Since(started).Round(time.Millisecond))
}
