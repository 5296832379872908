import { describe, expect, it } from 'vitest';
import type { Wiring } from '../../../local/wiring.js';
import { hcl } from '../testing.js';
import { checkRouteAuthorization } from './route-authorization.js';

const wiring = (scopes: string[]): Wiring => ({
  topic: 'letters',
  metrics: { namespace: 'SantasWorkshop' },
  commandQuota: { table: 'command-quotas', commandsPerMinute: 60 },
  functions: { 'get-letter': { role: 'letters-reader', memoryMb: 256, timeoutSeconds: 5 } },
  routes: { 'GET /letters/{letterId}': { function: 'get-letter', scopes } },
  consumers: {},
});

const ROOT = `
  locals {
    wiring          = jsondecode(file("\${path.module}/wiring.json"))
    resource_server = "santa"
    oauth_scopes    = { letters = "families", workshop = "elves" }
  }
  resource "aws_cognito_resource_server" "santa" {
    identifier = local.resource_server
    dynamic "scope" {
      for_each = local.oauth_scopes
      content {
        scope_name        = scope.key
        scope_description = scope.value
      }
    }
  }
  module "http_api" {
    source = "./modules/http-api"
    routes = { for key, route in local.wiring.routes : key => { function_name = "f", scopes = route.scopes } }
  }`;

const ROUTE = `
  resource "aws_apigatewayv2_route" "this" {
    for_each             = var.routes
    route_key            = each.key
    authorization_type   = "JWT"
    authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
    authorization_scopes = each.value.scopes
  }`;

describe('checkRouteAuthorization', () => {
  it('accepts JWT routes with the scopes of wiring.json, which the resource server issues', async () => {
    const config = await hcl({ 'infra/main.tf': ROOT, 'infra/modules/http-api/main.tf': ROUTE });

    expect(checkRouteAuthorization(config, wiring(['santa/letters', 'santa/workshop']))).toEqual([]);
  });

  it('reports a route without scopes and a scope no resource server issues', async () => {
    const config = await hcl({ 'infra/main.tf': ROOT, 'infra/modules/http-api/main.tf': ROUTE });

    expect(checkRouteAuthorization(config, { ...wiring([]), routes: { ...wiring([]).routes, 'GET /analytics/summary': { function: 'get-letter', scopes: ['santa/elves'] } } })).toEqual([
      { file: 'infra/wiring.json', resource: 'routes["GET /letters/{letterId}"]', message: 'has no scopes: any valid token would do' },
      { file: 'infra/wiring.json', resource: 'routes["GET /analytics/summary"]', message: 'asks for scope "santa/elves", which no resource server issues (issued: santa/letters, santa/workshop)' },
    ]);
  });

  it('reports an open route, one without scopes, and a root module that drops the scopes', async () => {
    const config = await hcl({
      'infra/main.tf': ROOT.replace('scopes = route.scopes', 'invoke_arn = route.function'),
      'infra/modules/http-api/main.tf': 'resource "aws_apigatewayv2_route" "this" {\n  route_key          = "GET /letters"\n  authorization_type = var.open ? "NONE" : "JWT"\n}',
    });

    expect(checkRouteAuthorization(config, wiring(['santa/letters'])).map((f) => [f.resource, f.message.split(':')[0]])).toEqual([
      ['aws_apigatewayv2_route.this', 'authorization_type must be "JWT" on every route'],
      ['aws_apigatewayv2_route.this', 'needs authorizer_id'],
      ['aws_apigatewayv2_route.this', 'needs authorization_scopes'],
      ['module.http_api', "routes come from local.wiring.routes but do not pass each route's scopes"],
    ]);
  });
});
