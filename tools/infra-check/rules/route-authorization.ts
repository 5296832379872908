import type { Wiring } from '../../../local/wiring.js';
import { blocksOf, bodiesOf, isBody, localsOf, moduleAt, resourcesOf, type Finding, type HclBody, type HclValue, type TfConfig } from '../hcl-model.js';

const WIRING = 'infra/wiring.json';

/** A literal, or the literal a `${local.name}` of the root module stands for. */
const resolve = (value: HclValue | undefined, locals: Map<string, HclValue>): HclValue | undefined => {
  const name = typeof value === 'string' ? value.match(/^\$\{local\.([A-Za-z0-9_-]+)\}$/u)?.[1] : undefined;
  return name === undefined ? value : locals.get(name);
};

/** The `identifier/scope` names the resource servers of the configuration issue. */
const issuedScopes = (config: TfConfig, locals: Map<string, HclValue>): Set<string> | null => {
  const servers = config.modules.flatMap((m) => resourcesOf(m, 'aws_cognito_resource_server'));
  if (servers.length === 0) return null;
  const scopes = new Set<string>();
  for (const server of servers) {
    const identifier = resolve(server.body.identifier, locals);
    const names = [
      ...bodiesOf(server.body.scope).map((s) => resolve(s.scope_name, locals)),
      ...bodiesOf(isBody(server.body.dynamic) ? server.body.dynamic.scope : undefined).flatMap((d) => {
        const each = resolve(d.for_each, locals);
        return isBody(each) ? Object.keys(each) : [];
      }),
    ];
    for (const name of names) if (typeof identifier === 'string' && typeof name === 'string') scopes.add(`${identifier}/${name}`);
  }
  return scopes;
};

const routeFindings = (route: { file: { path: string }; address: string; body: HclBody }): Finding[] => {
  const report = (message: string): Finding => ({ file: route.file.path, resource: route.address, message });
  return [
    ...(route.body.authorization_type === 'JWT' ? [] : [report('authorization_type must be "JWT" on every route: the API has no open route')]),
    ...(route.body.authorizer_id === undefined ? [report('needs authorizer_id: the JWT authorizer that checks the token')] : []),
    ...(route.body.authorization_scopes === undefined ? [report("needs authorization_scopes: the route's scopes from wiring.json, or any valid token would do")] : []),
  ];
};

/**
 * Every route is behind the JWT authorizer with the scopes wiring.json gives it:
 * each wiring route names at least one scope, each API Gateway route is JWT with
 * authorization_scopes, the root module passes route.scopes, and the resource
 * servers issue every scope a route asks for.
 */
export const checkRouteAuthorization = (config: TfConfig, wiring: Wiring): Finding[] => {
  const findings: Finding[] = [];
  const root = moduleAt(config, config.root);
  const locals = new Map(root ? localsOf(root).map((l) => [l.name, l.value]) : []);
  for (const [route, { scopes }] of Object.entries(wiring.routes)) {
    if (!Array.isArray(scopes) || scopes.length === 0) findings.push({ file: WIRING, resource: `routes["${route}"]`, message: 'has no scopes: any valid token would do' });
  }
  for (const module of config.modules) for (const route of resourcesOf(module, 'aws_apigatewayv2_route')) findings.push(...routeFindings(route));
  for (const call of root ? blocksOf(root, 'module') : []) {
    const routes = JSON.stringify(call.body.routes ?? '');
    if (routes.includes('local.wiring.routes') && !/\broute\.scopes\b|\.value\.scopes\b/u.test(routes)) {
      findings.push({ file: call.file.path, resource: call.address, message: 'routes come from local.wiring.routes but do not pass each route\'s scopes' });
    }
  }
  const issued = issuedScopes(config, locals);
  if (issued) {
    for (const [route, { scopes }] of Object.entries(wiring.routes)) {
      for (const scope of scopes ?? []) {
        if (!issued.has(scope)) findings.push({ file: WIRING, resource: `routes["${route}"]`, message: `asks for scope "${scope}", which no resource server issues (issued: ${[...issued].sort().join(', ')})` });
      }
    }
  }
  return findings;
};
