# Multi-stage build: the web app with Node, the static binary with Go, then a minimal image that
# runs as a non-root user.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=frontend /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/consult ./cmd/consult \
    && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/consult /usr/local/bin/consult
COPY --from=build --chown=65532:65532 /out/data /var/lib/consult
USER nonroot:nonroot
ENV CONSULT_ADDR=0.0.0.0:8080 \
    CONSULT_DATA_DIR=/var/lib/consult
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/consult"]
CMD ["serve"]
