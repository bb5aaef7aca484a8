/**
 * The content of the incident banner every page carries in `#incident-banner`. Empty until the
 * status page exists; it will return a short notice (escaped HTML) while an incident is open.
 */
export function incidentBanner(): string {
  return '';
}
