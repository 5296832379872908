# Every target runs on the Node 22 that the `node` devDependency installs (the Lambda runtime's
# major version), whatever node the machine has, and installs dependencies when they are
# missing or older than package-lock.json.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
STAMP := node_modules/.install-stamp
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: help install build test test-postgres typecheck clean dev infra-check plan-review

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

$(STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(STAMP) ## install dependencies (done by every target when needed)

build: $(STAMP) ## bundle every handler into dist/<name>.zip
	node build.mjs

test: $(STAMP) ## run the whole test suite (embedded stand-ins, no setup)
	vitest run

test-postgres: $(STAMP) ## run the PostgreSQL-backed tests against a real server (POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) vitest run shared/adapters/analytics shared/adapters/migrations shared/testing/postgres handlers/migrate

typecheck: $(STAMP) ## type-check everything
	tsc --noEmit

clean: ## remove build output and local data
	rm -rf dist .local coverage

dev: $(STAMP) ## run the whole pipeline locally on http://localhost:3000 (PORT, DATA_DIR, DATABASE_URL)
	tsx local/main.ts

infra-check: $(STAMP) ## infra rules (no binary needed), then terraform fmt/init/validate/test (SKIPPED where unavailable)
	vitest run --no-isolate tools/infra-check tools/plan-review
	node tools/infra-check/terraform-checks.mjs

PLAN ?= infra/plan.tfplan
plan-review: $(STAMP) ## summarise a saved plan for review: make plan-review PLAN=infra/plan.tfplan (or its JSON)
	node tools/plan-review/plan-review.mjs $(PLAN)
