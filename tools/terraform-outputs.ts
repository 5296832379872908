import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The root module's outputs the operations tools read (infra/outputs.tf). */
export interface TerraformOutputs {
  letters_table_name: string;
  event_log_table_name: string;
  queue_urls: Record<string, string>;
  dlq_urls: Record<string, string>;
  database_proxy_endpoint: string;
  /** Not an output of infra/ yet; DATABASE_NAME stands in until it is. */
  database_name?: string;
}

/** Reads `terraform -chdir=<dir> output -json` and unwraps each output's value. */
export const readTerraformOutputs = async (chdir = 'infra'): Promise<TerraformOutputs> => {
  const { stdout } = await promisify(execFile)('terraform', [`-chdir=${chdir}`, 'output', '-json'], { maxBuffer: 16 * 1024 * 1024 });
  const raw = JSON.parse(stdout) as Record<string, { value: unknown }>;
  const value = <T>(name: string, required = true): T => {
    if (required && raw[name] === undefined) throw new Error(`terraform output ${name} is missing: was infra/ applied?`);
    return raw[name]?.value as T;
  };
  return {
    letters_table_name: value('letters_table_name'),
    event_log_table_name: value('event_log_table_name'),
    queue_urls: value('queue_urls'),
    dlq_urls: value('dlq_urls'),
    database_proxy_endpoint: value('database_proxy_endpoint'),
    ...(raw.database_name ? { database_name: value<string>('database_name') } : {}),
  };
};
