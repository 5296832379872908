# Every target runs on the Node 22 that the `node` devDependency installs (the Lambda runtime's
# major version), whatever node the machine has, and installs dependencies when they are
# missing or older than package-lock.json.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
STAMP := node_modules/.install-stamp
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

SCREENSHOTS_DIR ?= docs

.PHONY: screenshots help install build test test-postgres typecheck clean dev token api api-check infra-check plan-review replay dlq redrive load chaos chaos-large bench analytics-check

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund || npm ci --no-audit --no-fund
	@touch $@

install: $(STAMP) ## install dependencies (done by every target when needed)

build: $(STAMP) ## bundle every handler into dist/<name>.zip
	node build.mjs

test: $(STAMP) ## run the whole test suite (embedded stand-ins, no setup)
	vitest run

test-postgres: $(STAMP) ## run the PostgreSQL-backed tests against a real server (POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) vitest run shared/adapters/analytics shared/adapters/migrations handlers/top-toys handlers/analytics-summary handlers/project-analytics tools/replay-projection shared/adapters/role-credentials shared/testing/postgres handlers/migrate

typecheck: $(STAMP) ## type-check everything (the console with the DOM's types)
	tsc --noEmit
	tsc --noEmit -p console

clean: ## remove build output and local data
	rm -rf dist .local coverage

dev: $(STAMP) ## run the whole pipeline locally on http://localhost:3000 (PORT, DATA_DIR, DATABASE_URL, RETENTION_DAYS); prints a family and an elf token; the console at /console/
	node build.mjs console
	node --import tsx local/main.ts

token: $(STAMP) ## print an access token from the running make dev: [SUB=family-1] [SCOPE=santa/letters|santa/workshop] [EXPIRES_IN=3600] (PORT)
	@tsx local/identity/token-cli.ts --sub "$(or $(SUB),family-1)" --scope "$(or $(SCOPE),santa/letters)" $(if $(EXPIRES_IN),--expires-in "$(EXPIRES_IN)")

API_FILES := docs/openapi.json openapi/schema.d.ts
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true redocly

api: $(STAMP) ## regenerate the API description (docs/openapi.json) and the typed client's types (openapi/schema.d.ts)
	tsx openapi/write.ts docs/openapi.json
	openapi-typescript docs/openapi.json -o openapi/schema.d.ts --silent

api-check: $(STAMP) ## fail if docs/openapi.json or openapi/schema.d.ts is not what the code generates, then lint it (Redocly, recommended rules)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	tsx openapi/write.ts "$$tmp/openapi.json" && \
	openapi-typescript "$$tmp/openapi.json" -o "$$tmp/schema.d.ts" --silent && \
	diff -u docs/openapi.json "$$tmp/openapi.json" && diff -u openapi/schema.d.ts "$$tmp/schema.d.ts" || \
	{ echo "$(API_FILES): out of date with the code; run make api and commit them" >&2; exit 1; }
	$(REDOCLY) lint docs/openapi.json

infra-check: $(STAMP) ## infra rules (no binary needed), then terraform fmt/init/validate/test (SKIPPED where unavailable)
	vitest run --no-isolate tools/infra-check tools/plan-review
	tsx tools/infra-check/terraform-checks.ts

PLAN ?= infra/plan.tfplan
plan-review: $(STAMP) ## summarise a saved plan for review: make plan-review PLAN=infra/plan.tfplan (or its JSON)
	tsx tools/plan-review/cli.ts $(PLAN)

replay: $(STAMP) ## rebuild a read store from the event log: PROJECTION=letters-view|letters-analytics [SINCE=iso] [WIPE=1 [FORCE=1]] (DATA_DIR=… or TARGET=aws)
	tsx tools/replay.ts --projection "$(PROJECTION)" $(if $(SINCE),--since "$(SINCE)") $(if $(WIPE),--wipe) $(if $(FORCE),--force)

dlq: $(STAMP) ## each DLQ's depth and a sample of its messages (DATA_DIR=… or TARGET=aws)
	tsx tools/dlq.ts show

analytics-check: $(STAMP) ## recompute the analytics aggregates from the letters, report any difference (DATABASE_URL=…, DATA_DIR=… or TARGET=aws)
	tsx tools/analytics-check.ts

redrive: $(STAMP) ## move a DLQ's messages back to its queue: QUEUE=<name> (DATA_DIR=… or TARGET=aws)
	tsx tools/dlq.ts redrive --queue "$(QUEUE)"

load: $(STAMP) ## bounded load run on a local runtime it starts: [COMMANDS=5000] [CONCURRENCY=50]
	tsx tools/load.ts --commands $(or $(COMMANDS),5000) --concurrency $(or $(CONCURRENCY),50)

chaos: $(STAMP) ## faults (failures, duplicates, reordering) and SIGKILL-mid-burst tests
	vitest run local/chaos.test.ts local/crash-recovery.test.ts

chaos-large: $(STAMP) ## the chaos test at scale: [CHAOS_LETTERS=2000]
	CHAOS_LETTERS=$(or $(CHAOS_LETTERS),2000) vitest run local/chaos.test.ts

screenshots: $(STAMP) ## refresh docs/console-*.png: the console's browser test in Chromium, saving what it sees
	SCREENSHOTS_DIR=$(abspath $(SCREENSHOTS_DIR)) vitest run local/console-browser.test.ts

bench: $(STAMP) ## measure bundles, cold starts, Middy overhead, command vs CRUD, projection throughput, local lag
	tsx bench/run.ts
