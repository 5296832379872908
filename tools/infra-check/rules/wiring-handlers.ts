import type { Wiring } from '../../../local/wiring.js';
import type { Finding } from '../hcl-model.js';

const WIRING = 'infra/wiring.json';
const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[A-Za-z0-9_.\-/{}]*)$/u;

/** Every function of wiring.json has a handlers/<name>/ folder, and every handler folder a function. */
export const checkHandlerFolders = (wiring: Wiring, handlerFolders: readonly string[]): Finding[] => {
  const functions = new Set(Object.keys(wiring.functions));
  const folders = new Set(handlerFolders);
  return [
    ...[...functions].filter((f) => !folders.has(f)).map((f) => ({ file: WIRING, resource: `functions.${f}`, message: `has no handler folder handlers/${f}/` })),
    ...[...folders].filter((f) => !functions.has(f)).map((f) => ({ file: `handlers/${f}/`, resource: `handlers/${f}`, message: `is not a function of ${WIRING}: nothing would deploy it` })),
  ];
};

// EventBridge Scheduler's recurring expressions (at(...) runs once: no use for a function of the wiring).
const SCHEDULE = /^(rate\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\)|cron\(\S+( \S+){5}\))$/u;

/** Routes are well-formed, unique per method and path, and name existing functions; consumers name existing functions; scheduled functions have a recurring expression; every function is reachable. */
export const checkRoutesAndConsumers = (wiring: Wiring): Finding[] => {
  const findings: Finding[] = [];
  const functions = new Set(Object.keys(wiring.functions));
  const used = new Set<string>();
  for (const [route, { function: fn }] of Object.entries(wiring.routes)) {
    const resource = `routes["${route}"]`;
    if (!ROUTE_KEY.test(route)) findings.push({ file: WIRING, resource, message: 'must look like "GET /letters/{letterId}"' });
    if (!functions.has(fn)) findings.push({ file: WIRING, resource, message: `names function "${fn}", which wiring.json does not define` });
    used.add(fn);
  }
  for (const [queue, consumer] of Object.entries(wiring.consumers)) {
    if (!functions.has(consumer.function)) findings.push({ file: WIRING, resource: `consumers.${queue}`, message: `names function "${consumer.function}", which wiring.json does not define` });
    used.add(consumer.function);
  }
  for (const [fn, config] of Object.entries(wiring.functions)) {
    // Terraform invokes the migrator during apply, and a schedule its function; every other function needs a trigger.
    if (!used.has(fn) && config.role !== 'migrator' && config.schedule === undefined) {
      findings.push({ file: WIRING, resource: `functions.${fn}`, message: 'is neither routed, consuming a queue nor scheduled: nothing would invoke it' });
    }
    if (config.schedule !== undefined && !SCHEDULE.test(config.schedule)) {
      findings.push({ file: WIRING, resource: `functions.${fn}.schedule`, message: `"${config.schedule}" is not an EventBridge Scheduler expression such as "rate(1 day)" or "cron(0 3 * * ? *)"` });
    }
  }
  return findings;
};

/**
 * Every path parameter a handler reads (`pathParameters?.letterId`) is in the
 * route that invokes it. `handlerSources` maps a function to its non-test sources.
 */
export const checkRouteParameters = (wiring: Wiring, handlerSources: Record<string, Record<string, string>>): Finding[] => {
  const findings: Finding[] = [];
  for (const [route, { function: fn }] of Object.entries(wiring.routes)) {
    const inRoute = new Set([...route.matchAll(/\{([A-Za-z0-9_]+)\+?\}/gu)].map((m) => m[1]));
    for (const [file, source] of Object.entries(handlerSources[fn] ?? {})) {
      for (const match of source.matchAll(/pathParameters\??\.\s*([A-Za-z0-9_]+)|pathParameters\??\.?\[\s*['"]([A-Za-z0-9_]+)['"]\s*\]/gu)) {
        const name = match[1] ?? match[2] ?? '';
        if (!inRoute.has(name)) findings.push({ file, resource: `routes["${route}"]`, message: `${fn} reads path parameter "${name}", which the route does not have` });
      }
    }
  }
  return findings;
};

/** The role of the function that keeps the event log: it must see every event type. */
const ARCHIVE_ROLE = 'event-log-writer';

/**
 * The archive subscribes unfiltered (a new event type must reach the log replays
 * depend on); every projection filters, and only on the message attributes
 * publishers set, with values the event schema knows.
 */
export const checkFilterPolicies = (wiring: Wiring, attributeValues: Record<string, readonly (string | number)[]>): Finding[] => {
  const findings: Finding[] = [];
  for (const [queue, consumer] of Object.entries(wiring.consumers)) {
    const resource = `consumers.${queue}.filterPolicy`;
    const archive = wiring.functions[consumer.function]?.role === ARCHIVE_ROLE;
    if (archive) {
      if (consumer.filterPolicy !== undefined) findings.push({ file: WIRING, resource, message: `must be absent: ${consumer.function} keeps the event log, which must hold every event type` });
      continue;
    }
    if (consumer.filterPolicy === undefined) {
      findings.push({ file: WIRING, resource, message: `is missing: the projection ${consumer.function} would receive every message, including types it cannot apply` });
      continue;
    }
    const entries = Object.entries(consumer.filterPolicy);
    if (entries.length === 0) findings.push({ file: WIRING, resource, message: 'is empty: the queue would receive every message' });
    for (const [attribute, values] of entries) {
      const known = attributeValues[attribute];
      if (!known) {
        findings.push({ file: WIRING, resource, message: `filters on "${attribute}", which publishers do not set (they set ${Object.keys(attributeValues).join(', ')})` });
        continue;
      }
      if (known.length === 0) continue;
      for (const value of values) {
        if (!known.map(String).includes(String(value))) findings.push({ file: WIRING, resource, message: `"${attribute}" value "${String(value)}" never occurs (known: ${known.join(', ')})` });
      }
    }
  }
  return findings;
};
