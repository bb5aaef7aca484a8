import { isEmail } from '../../modules/customers/index.ts';
import { CATEGORIES, type Category } from '../../modules/tickets/index.ts';

/** One question of the contact form; `required` is the error shown when it is left empty. */
export type ContactField = {
  name: string;
  label: string;
  kind: 'text' | 'email' | 'textarea' | 'choice';
  max: number;
  required?: string;
  hint?: string;
  options?: readonly string[];
  autocomplete?: string;
};

/** The topics a customer picks from, in the words the form uses; their keys are ticket categories. */
export const CONTACT_TOPICS: Record<Category, string> = {
  account: 'My account: signing in, two-step login, account email',
  installation: 'Installing or updating the app or browser extension',
  billing: 'Billing: charges, invoices, plans',
  sync: 'Syncing between my devices',
  security: 'Security: a suspicious login or a compromised account',
  general: 'Something else',
};

/** What the first step asks; it becomes the ticket subject. */
export const QUESTION: ContactField = { name: 'q', label: 'What do you need help with?', kind: 'text', max: 200, required: 'Tell us in a few words what you need help with' };

/** Asked on every topic: who to answer. */
export const COMMON_FIELDS: readonly ContactField[] = [
  { name: 'name', label: 'Your name', kind: 'text', max: 200, required: 'Enter your name', autocomplete: 'name' },
  { name: 'email', label: 'Your email address', kind: 'email', max: 254, required: 'Enter your email address', hint: 'We will reply to this address.', autocomplete: 'email' },
];

const accountEmail: ContactField = { name: 'account_email', label: 'Account email', kind: 'email', max: 254, required: 'Enter the email address of your Vaultly account', hint: 'The address you sign in with, if it differs from yours above.' };
const appVersion: ContactField = { name: 'app_version', label: 'App and version', kind: 'text', max: 200, required: 'Tell us which app and version you use', hint: 'For example: Vaultly 4.2.1 for Windows, or the Firefox extension 4.2.0.' };
const os: ContactField = { name: 'os', label: 'Operating system', kind: 'text', max: 200, required: 'Tell us your operating system', hint: 'For example: Windows 11, macOS 15, Ubuntu 24.04, Android 14, iOS 18.' };
const errorMessage: ContactField = { name: 'error_message', label: 'The exact error message', kind: 'textarea', max: 2000, hint: 'Copy it exactly, with any code like E-4012, if one appeared.' };

/** The questions of each topic, after the common ones. */
export const TOPIC_FIELDS: Record<Category, readonly ContactField[]> = {
  account: [
    accountEmail,
    { name: 'what_happened', label: 'What happened', kind: 'textarea', max: 5000, required: 'Tell us what happened' },
    { name: 'steps_tried', label: 'Steps you already tried', kind: 'textarea', max: 5000 },
  ],
  installation: [appVersion, os, errorMessage, { name: 'doing', label: 'What you were doing', kind: 'textarea', max: 5000, required: 'Tell us what you were doing when it went wrong' }],
  billing: [
    accountEmail,
    { name: 'plan', label: 'Your plan', kind: 'choice', max: 20, options: ['Free', 'Premium', 'Family', 'Teams', 'Not sure'], required: 'Choose your plan' },
    { name: 'charge_issue', label: 'What is wrong with the charge', kind: 'textarea', max: 5000, required: 'Tell us what is wrong with the charge' },
  ],
  sync: [appVersion, os, { name: 'devices', label: 'Devices involved', kind: 'text', max: 500, required: 'Tell us which devices are involved', hint: 'For example: Windows laptop and iPhone 15.' }, errorMessage],
  security: [
    { name: 'what_happened', label: 'What happened', kind: 'textarea', max: 5000, required: 'Tell us what happened' },
    { name: 'when', label: 'When did it happen', kind: 'text', max: 200, required: 'Tell us when it happened, roughly', hint: 'A date and time, roughly.' },
    { name: 'still_accessible', label: 'Can you still sign in to your account?', kind: 'choice', max: 20, options: ['Yes', 'No', 'Not sure'], required: 'Tell us whether you can still sign in' },
  ],
  general: [{ name: 'message', label: 'Your message', kind: 'textarea', max: 5000, required: 'Write your message' }],
};

/** Whether a value names a contact topic. */
export function isTopic(value: string | undefined): value is Category {
  return value !== undefined && (CATEGORIES as readonly string[]).includes(value);
}

/** A submitted form checked field by field: trimmed values to show again, and an error per bad field. */
export type CheckedForm = { values: Record<string, string>; errors: Record<string, string> };

/** Checks one field's value; returns the error message or null. */
function check(field: ContactField, value: string): string | null {
  if (value === '') return field.required ?? null;
  if (value.length > field.max) return `Keep this under ${field.max} characters (it has ${value.length})`;
  if (field.kind === 'email' && !isEmail(value.toLowerCase())) return 'Enter an email address like name@example.com';
  if (field.kind === 'choice' && !field.options?.includes(value)) return 'Choose one of the options';
  return null;
}

/** Every field the form of a topic has, in order: the question, who you are, then the topic's own. */
export function fieldsOf(topic: Category): ContactField[] {
  return [QUESTION, ...COMMON_FIELDS, ...TOPIC_FIELDS[topic]];
}

/** Validates a topic's form as posted; unknown fields are ignored, values are kept for re-display. */
export function checkContactForm(topic: Category, input: Readonly<Record<string, string | undefined>>): CheckedForm {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fieldsOf(topic)) {
    const raw = (input[field.name] ?? '').replace(/\r\n?/g, '\n');
    const value = field.kind === 'textarea' ? raw.trim() : raw.replace(/\s+/g, ' ').trim();
    values[field.name] = value;
    const error = check(field, value);
    if (error) errors[field.name] = error;
  }
  return { values, errors };
}

/** The ticket's first message: each answered topic question under its label, plain text. */
export function composeBody(topic: Category, values: Readonly<Record<string, string>>): string {
  const parts = [`${QUESTION.label}\n${values.q ?? ''}`, `Topic: ${CONTACT_TOPICS[topic]}`];
  for (const field of TOPIC_FIELDS[topic]) {
    const value = values[field.name];
    if (!value) continue;
    parts.push(field.kind === 'textarea' ? `${field.label}:\n${value}` : `${field.label}: ${value}`);
  }
  parts.push('(Sent with the contact form of the help center.)');
  return parts.join('\n\n');
}
