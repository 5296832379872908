import type { Finding, TfConfig } from '../hcl-model.js';
import { enclosingBlock } from '../source-lines.js';

/** The comment that allow-lists a `"*"` resource; the reason must follow it. */
export const STAR_JUSTIFICATION = 'iam-resource-star:';

const STAR_RESOURCE = /^\s*"?(resources|not_resources|Resource|NotResource)"?\s*[=:]\s*(\[\s*"\*"\s*\]|"\*")/u;

/**
 * An IAM statement may grant Resource "*" only where AWS offers nothing narrower, and
 * the line before must say so: `# iam-resource-star: <why>`.
 */
export const checkIamStarResources = (config: TfConfig): Finding[] =>
  config.modules.flatMap((module) =>
    module.files.flatMap((file) => {
      const lines = file.text.split('\n');
      return lines.flatMap((line, index) => {
        if (!STAR_RESOURCE.test(line)) return [];
        const previous = (lines[index - 1] ?? '').trim();
        const reason = previous.match(/^(?:#|\/\/)\s*iam-resource-star:\s*(.*)$/u)?.[1]?.trim() ?? '';
        if (reason.length >= 10) return [];
        return [
          {
            file: file.path,
            resource: enclosingBlock(file.text, index + 1),
            message: `line ${index + 1} grants Resource "*": scope it to ARNs, or, where AWS requires "*", say why on the line before (# ${STAR_JUSTIFICATION} <reason>)`,
          },
        ];
      });
    }),
  );
