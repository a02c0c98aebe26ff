// Package logging builds the process logger (log/slog, text or JSON) and carries the request's
// logger, tagged with its request id, through a context.
package logging

import (
	"context"
	"io"
	"log/slog"
)

// New returns a logger writing format ("text" or "json") at level ("debug", "info", "warn", "error").
func New(w io.Writer, format, level string) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

type ctxKey struct{}

// Into returns a context that carries log.
func Into(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, ctxKey{}, log)
}

// From returns the logger carried by ctx, or the default logger.
func From(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(ctxKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}
