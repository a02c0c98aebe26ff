package export

import "context"

// pipelineBatch is how many rows travel between the two goroutines of Pipelined at a time, and
// pipelineDepth how many such batches may wait.
const (
	pipelineBatch = 256
	pipelineDepth = 4
)

// Pipelined runs produce, which reads rows (from the database) and hands each to its emit, in a
// goroutine of its own, while the caller's goroutine passes them to consume (which encodes,
// compresses and sends them): reading and writing a large export then share the cores instead of
// taking turns. Rows arrive in order; at most pipelineDepth batches wait between the two, so
// memory stays bounded. The first error of either side ends both and is returned.
func Pipelined(ctx context.Context, produce func(ctx context.Context, emit func([]string) error) error, consume func([]string) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan [][]string, pipelineDepth)
	produced := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([][]string, 0, pipelineBatch)
		err := produce(ctx, func(row []string) error {
			if batch = append(batch, row); len(batch) < pipelineBatch {
				return nil
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([][]string, 0, pipelineBatch)
			return nil
		})
		if err == nil && len(batch) > 0 {
			select {
			case batches <- batch:
			case <-ctx.Done():
				err = ctx.Err()
			}
		}
		produced <- err
	}()
	var consumeErr error
	for batch := range batches {
		for _, row := range batch {
			if consumeErr == nil {
				consumeErr = consume(row)
			}
		}
		if consumeErr != nil {
			cancel() // the producer stops at its next row; the loop drains what it had sent
		}
	}
	produceErr := <-produced
	if consumeErr != nil {
		return consumeErr
	}
	return produceErr
}
