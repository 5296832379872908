import { blocksOf, type Finding, type TfConfig } from '../hcl-model.js';

/**
 * Every variable and output has a description, and every module under
 * `<root>/modules/` has a README.md naming each of its inputs and outputs.
 * `readmes` maps a module folder to its README text (undefined when missing).
 */
export const checkModuleDocs = (config: TfConfig, readmes: Record<string, string | undefined>): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    const documented = [...blocksOf(module, 'variable'), ...blocksOf(module, 'output')];
    for (const block of documented) {
      if (typeof block.body.description !== 'string' || block.body.description.trim() === '') {
        findings.push({ file: block.file.path, resource: block.address, message: 'needs a description (with units where it is a quantity)' });
      }
    }
    if (!module.dir.startsWith(`${config.root}/modules/`)) continue;
    const readmePath = `${module.dir}/README.md`;
    const readme = readmes[module.dir];
    if (readme === undefined) {
      findings.push({ file: readmePath, resource: `module ${module.dir}`, message: 'is missing: document the inputs and outputs' });
      continue;
    }
    for (const block of documented) {
      if (!readme.includes(`\`${block.name}\``)) findings.push({ file: readmePath, resource: block.address, message: `is not documented (expected \`${block.name}\` in the README)` });
    }
  }
  return findings;
};
