/** One `Allow` statement of an identity-based IAM policy. */
export interface IamStatement {
  Sid: string;
  Effect: 'Allow';
  /** `service:Operation`, never a wildcard. */
  Action: string[];
  /** ARNs; `*` only where the action supports no resource-level permissions. */
  Resource: string[];
  /** Narrows the grant, e.g. `iam:PassRole` to one service; a list matches any of its values. */
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** Where the policy applies, for a module's statements to build ARNs. */
export interface IamScope {
  region: string;
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  partition: string;
  /** 12 digits, or `*` for any account. */
  account: string;
  /** `arn:<partition>:<service>:<at>:<account>:<resource>`; `at` defaults to the region (`''` for global services). */
  arn(service: string, resource: string, at?: string): string;
}
