// Where the API runs, how callers authenticate, and how its operations are grouped.

/** Local mode and a deployment (the Terraform output api_url has this form). */
export const SERVERS = [
  { url: 'http://localhost:3000', description: 'make dev: the whole pipeline on this machine' },
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
    description: 'A deployment: terraform -chdir=infra output -raw api_url',
    variables: {
      apiId: { default: 'abc123', description: 'The HTTP API id' },
      region: { default: 'eu-north-1', description: 'The AWS region it is deployed in' },
    },
  },
];

/**
 * OIDC access tokens, checked as API Gateway's JWT authorizer checks them. Local mode is its own
 * issuer; a deployment uses its Cognito user pool (or the issuer it was given).
 */
export const SECURITY_SCHEME = {
  name: 'oidc',
  scheme: {
    type: 'openIdConnect',
    openIdConnectUrl: 'http://localhost:3000/.well-known/openid-configuration',
    description: [
      'Authorization: Bearer <access token>. Scopes: santa/letters (a family account: its own letters and children),',
      'santa/workshop (elves: any letter, its history and the analytics; never writes),',
      'santa/operations (queues, dead letters and redrive; no letter content).',
      'Locally, POST /local/token mints one; on AWS the discovery document is',
      "https://cognito-idp.{region}.amazonaws.com/{userPoolId}/.well-known/openid-configuration, or your own issuer's.",
    ].join(' '),
  },
};

export const TAGS = [
  { name: 'letters', description: 'Send, amend, withdraw and read letters' },
  { name: 'children', description: "A family's view of its children's letters" },
  { name: 'analytics', description: "Santa's elves' totals over all letters" },
  { name: 'operations', description: 'Queues, dead letters and redrive, for whoever runs the pipeline (santa/operations)' },
];
