import { blocksOf, type Finding, type TfConfig } from '../hcl-model.js';
import type { ProviderSchema } from '../provider-schema.js';

/** Every resource that can be tagged passes var.tags (alone or merged with a Name). */
export const checkTags = (config: TfConfig, schema: ProviderSchema): Finding[] =>
  config.modules.flatMap((module) =>
    blocksOf(module, 'resource').flatMap((resource) => {
      const taggable = schema.resource[resource.type]?.a?.includes('tags') ?? false;
      const tags = resource.body.tags;
      if (!taggable || (typeof tags === 'string' && tags.includes('var.tags'))) return [];
      return [{ file: resource.file.path, resource: resource.address, message: 'tags must include var.tags' }];
    }),
  );
