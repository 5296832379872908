# Every target runs on the Node 22 that the `node` devDependency installs (the Lambda runtime's
# major version), whatever node the machine has, and installs dependencies when they are
# missing or older than package-lock.json.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
STAMP := node_modules/.install-stamp
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

SCREENSHOTS_DIR ?= docs

.PHONY: screenshots help install build test test-postgres typecheck clean dev token api api-check infra-check plan-review replay dlq redrive load chaos chaos-large bench bench-read-your-writes analytics-check sizing capacity capacity-doc spike

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
	DATABASE_URL=$(POSTGRES_URL) vitest run shared/adapters/analytics shared/adapters/migrations handlers/top-toys handlers/analytics-summary handlers/analytics-small-groups handlers/project-analytics tools/replay-projection shared/adapters/role-credentials shared/testing/postgres handlers/migrate

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

api: $(STAMP) ## regenerate the API description (docs/openapi.json), the typed client's types (openapi/schema.d.ts) and the events' description (docs/asyncapi.json)
	tsx openapi/write.ts docs/openapi.json
	openapi-typescript docs/openapi.json -o openapi/schema.d.ts --silent
	tsx asyncapi/write.ts docs/asyncapi.json

api-check: $(STAMP) ## fail if docs/openapi.json, openapi/schema.d.ts or docs/asyncapi.json is not what the code generates, then lint them (Redocly; the AsyncAPI parser)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	tsx openapi/write.ts "$$tmp/openapi.json" && \
	openapi-typescript "$$tmp/openapi.json" -o "$$tmp/schema.d.ts" --silent && \
	diff -u docs/openapi.json "$$tmp/openapi.json" && diff -u openapi/schema.d.ts "$$tmp/schema.d.ts" || \
	{ echo "$(API_FILES): out of date with the code; run make api and commit them" >&2; exit 1; }
	$(REDOCLY) lint docs/openapi.json
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && tsx asyncapi/write.ts "$$tmp/asyncapi.json" && \
	diff -u docs/asyncapi.json "$$tmp/asyncapi.json" || \
	{ echo "docs/asyncapi.json: out of date with the event schemas, docs/events or infra/wiring.json; run make api and commit it" >&2; exit 1; }
	tsx asyncapi/validate.ts docs/asyncapi.json

sizing: $(STAMP) ## time the DynamoDB projectors (concurrency x batch size) and write their batch costs into infra/sizing.json
	tsx bench/scaling-view.ts --write-sizing

infra-check: $(STAMP) ## infra rules and the peak formula (no binary needed), then terraform fmt/init/validate/test (SKIPPED where unavailable)
	vitest run --no-isolate tools/infra-check tools/plan-review tools/peak
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

bench: $(STAMP) ## measure bundles, cold starts, Middy overhead, command vs CRUD, projection throughput, local lag, read-your-writes
	tsx bench/run.ts

bench-read-your-writes: $(STAMP) ## the read-your-writes benchmark alone, idle and with deliveries delayed up to 400 ms: [PAIRS=200]
	PAIRS=$(or $(PAIRS),200) tsx bench/read-your-writes-cli.ts

capacity: $(STAMP) ## the capacity model at a peak: PEAK=<letters/s> [REGION=us-east-1] [PROFILE=christmas-eve] [JSON=1] (docs/capacity.md)
	@tsx tools/capacity/cli.ts --peak "$(PEAK)" --region "$(or $(REGION),us-east-1)" --profile "$(or $(PROFILE),christmas-eve)" $(if $(JSON),--json)

capacity-doc: $(STAMP) ## regenerate the tables and chart of docs/capacity.md from the model
	tsx tools/capacity/write-doc.ts

spike: $(STAMP) ## rehearse a spike: open-loop arrivals against the local runtime and the CRUD baseline (bench/results/spike.json, docs/spike.svg)
	tsx tools/spike/run.ts
