import { blocksOf, moduleAt, resolveModuleSource, type Finding, type TfConfig } from '../hcl-model.js';

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);

/** Every call of a local module passes only variables the module declares, and every variable without a default. */
export const checkModuleCalls = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    for (const call of blocksOf(module, 'module')) {
      const report = (message: string) => findings.push({ file: call.file.path, resource: call.address, message });
      const targetDir = resolveModuleSource(module.dir, call.body.source);
      if (targetDir === null) continue;
      const target = moduleAt(config, targetDir);
      if (!target) {
        report(`source ${String(call.body.source)} points at ${targetDir}, which has no .tf files`);
        continue;
      }
      const variables = blocksOf(target, 'variable');
      const declared = new Set(variables.map((v) => v.name));
      for (const argument of Object.keys(call.body)) {
        if (!MODULE_META.has(argument) && !declared.has(argument)) report(`passes "${argument}", which ${targetDir} does not declare`);
      }
      for (const variable of variables) {
        if (!('default' in variable.body) && !(variable.name in call.body)) report(`does not pass "${variable.name}", which ${targetDir} requires`);
      }
    }
  }
  return findings;
};
