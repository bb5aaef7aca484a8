/** The slice of mailauth 4 (untyped JavaScript) that Careline uses. */
declare module 'mailauth' {
  export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown>;
  export type MailauthStatus = { result: string; comment?: string; aligned?: string | false; header?: Record<string, string> };
  export type MailauthResult = {
    spf: { status: MailauthStatus; domain?: string } | false;
    dkim: { results?: Array<{ signingDomain?: string; status: MailauthStatus }> };
    dmarc: { status: MailauthStatus; domain?: string; policy?: string } | false;
  };
  export function authenticate(
    message: Buffer | string,
    options: { ip?: string; helo?: string; sender?: string; mta?: string; resolver?: MailauthResolver; disableArc?: boolean; disableBimi?: boolean },
  ): Promise<MailauthResult>;
}

declare module 'mailauth/lib/dkim/sign.js' {
  export function dkimSign(
    message: Buffer | string,
    options: { signatureData: Array<{ signingDomain: string; selector: string; privateKey: string | Buffer }> },
  ): Promise<{ signatures: string; errors: unknown[] }>;
}
