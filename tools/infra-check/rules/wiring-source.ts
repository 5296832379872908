import { blocksOf, localsOf, moduleAt, type Finding, type TfConfig } from '../hcl-model.js';
import type { Wiring } from '../../../local/wiring.js';

/**
 * The root module takes routes, functions and consumers from wiring.json (the
 * file the local runtime reads) and never repeats them in HCL.
 */
export const checkWiringSource = (config: TfConfig, wiring: Wiring): Finding[] => {
  const findings: Finding[] = [];
  const root = moduleAt(config, config.root);
  const file = `${config.root}/main.tf`;
  if (!root) return [{ file, resource: 'module', message: 'root module not found' }];
  const wiringLocal = localsOf(root).find((l) => l.name === 'wiring');
  if (typeof wiringLocal?.value !== 'string' || !/jsondecode\(file\(.*wiring\.json.*\)\)/u.test(wiringLocal.value)) {
    findings.push({ file: wiringLocal?.file.path ?? file, resource: 'local.wiring', message: 'must be jsondecode(file("${path.module}/wiring.json"))' });
  }
  const expectations: [string, RegExp][] = [
    ['functions', /local\.wiring\.functions/u],
    ['consumers', /local\.wiring\.consumers/u],
    ['routes', /local\.wiring\.routes/u],
  ];
  const calls = blocksOf(root, 'module');
  for (const [part, pattern] of expectations) {
    if (!calls.some((call) => pattern.test(JSON.stringify(call.body)))) {
      findings.push({ file, resource: `local.wiring.${part}`, message: `no module call iterates over local.wiring.${part}: the ${part} would not follow wiring.json` });
    }
  }
  const literals = [...Object.keys(wiring.routes), ...Object.keys(wiring.consumers).map((q) => `"${q}"`)];
  for (const module of config.modules) {
    for (const tf of module.files) {
      // Comments may quote the wiring as an example; code may not repeat it.
      const code = tf.text.split('\n').map((line) => (/^\s*(#|\/\/)/u.test(line) ? '' : line));
      for (const literal of literals) {
        const needle = literal.startsWith('"') ? literal : `"${literal}"`;
        const index = code.findIndex((line) => line.includes(needle));
        if (index >= 0) {
          findings.push({ file: tf.path, resource: literal.replaceAll('"', ''), message: `line ${index + 1} repeats ${needle} from wiring.json: read it from local.wiring instead` });
        }
      }
    }
  }
  return findings;
};
