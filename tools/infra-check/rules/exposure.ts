import { bodiesOf, resourcesOf, stringsOf, walkValues, type Finding, type HclBody, type TfConfig } from '../hcl-model.js';

const OPEN = new Set(['0.0.0.0/0', '::/0']);

/** Nothing is public: databases, ingress from anywhere, public IPs in subnets, "*" principals. */
export const checkExposure = (config: TfConfig): Finding[] => {
  const findings: Finding[] = [];
  for (const module of config.modules) {
    const add = (file: string, resource: string, message: string) => findings.push({ file, resource, message });
    for (const db of [...resourcesOf(module, 'aws_db_instance'), ...resourcesOf(module, 'aws_rds_cluster_instance')]) {
      if (db.body.publicly_accessible !== false) add(db.file.path, db.address, 'publicly_accessible must be set to false');
    }
    for (const rule of resourcesOf(module, 'aws_vpc_security_group_ingress_rule')) {
      const cidr = [rule.body.cidr_ipv4, rule.body.cidr_ipv6].find((c) => typeof c === 'string' && OPEN.has(c));
      if (cidr) add(rule.file.path, rule.address, `admits ${String(cidr)}: ingress must come from security groups or the VPC`);
    }
    for (const rule of resourcesOf(module, 'aws_security_group_rule')) {
      const open = [...stringsOf(rule.body.cidr_blocks), ...stringsOf(rule.body.ipv6_cidr_blocks)].filter((c) => OPEN.has(c));
      if (rule.body.type === 'ingress' && open.length > 0) add(rule.file.path, rule.address, `admits ${open.join(', ')}: ingress must come from security groups or the VPC`);
    }
    for (const group of resourcesOf(module, 'aws_security_group')) {
      for (const ingress of bodiesOf(group.body.ingress)) {
        const open = [...stringsOf(ingress.cidr_blocks), ...stringsOf(ingress.ipv6_cidr_blocks)].filter((c) => OPEN.has(c));
        if (open.length > 0) add(group.file.path, group.address, `an ingress block admits ${open.join(', ')}`);
      }
    }
    for (const subnet of resourcesOf(module, 'aws_subnet')) {
      if (subnet.body.map_public_ip_on_launch === true) add(subnet.file.path, subnet.address, 'map_public_ip_on_launch makes the subnet public');
    }
    for (const document of [...module.files.flatMap((f) => Object.entries((f.json.data as HclBody | undefined) ?? {}).filter(([type]) => type === 'aws_iam_policy_document').map(([, byName]) => ({ f, byName })))]) {
      for (const [name, bodies] of Object.entries(document.byName as HclBody)) {
        for (const { path, value } of walkValues(bodies as HclBody)) {
          // Blocks are arrays of bodies; each body is visited again at the same path.
          if (path.at(-1) !== 'principals' || !Array.isArray(value)) continue;
          for (const principal of bodiesOf(value)) {
            if (stringsOf(principal.identifiers).includes('*')) add(document.f.path, `data.aws_iam_policy_document.${name}`, 'a "*" principal makes the resource public');
          }
        }
      }
    }
    for (const permission of resourcesOf(module, 'aws_lambda_permission')) {
      if (permission.body.principal === '*') add(permission.file.path, permission.address, 'principal "*" lets anyone invoke the function');
      if (permission.body.principal === 'apigateway.amazonaws.com' && permission.body.source_arn === undefined) add(permission.file.path, permission.address, 'an API Gateway permission needs a source_arn limited to its route');
    }
    for (const url of resourcesOf(module, 'aws_lambda_function_url')) {
      if (url.body.authorization_type === 'NONE') add(url.file.path, url.address, 'a function URL without authorization is public');
    }
  }
  return findings;
};
