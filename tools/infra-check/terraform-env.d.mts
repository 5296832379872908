/** Lowest hashicorp/aws version infra/versions.tf accepts. */
export declare const MIN_AWS_PROVIDER: string;
/** The terraform binary to use ($TERRAFORM_BIN, else the first on PATH), or null. */
export declare const findTerraform: (env?: NodeJS.ProcessEnv) => string | null;
/** Where mirrors usually live; $TF_PLUGIN_MIRROR comes first when set. */
export declare const mirrorCandidates: (env?: NodeJS.ProcessEnv) => string[];
/** The first mirror holding hashicorp/aws >= MIN_AWS_PROVIDER for this platform, or why there is none. */
export declare const findAwsMirror: (
  env?: NodeJS.ProcessEnv,
  candidates?: string[],
) => { path: string; version: string } | { path: null; reason: string };
/** Writes a CLI config installing hashicorp/aws from `mirror` only; returns its path. */
export declare const writeCliConfig: (dir: string, mirror: string) => string;
/** Environment for terraform runs: our CLI config, no prompts, no colour, no telemetry. */
export declare const terraformEnv: (cliConfig: string, dataDir?: string) => NodeJS.ProcessEnv;
/** `terraform version` of a binary, such as 1.11.4, or null if it does not run. */
export declare const terraformVersion: (bin: string) => string | null;
