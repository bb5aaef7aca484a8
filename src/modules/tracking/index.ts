/** Request tracking: a customer follows and answers one ticket through a one-time emailed link. */
export { requestTrackingLink, trackingPageUrl, TRACKING_LINK_TTL_MS, type TrackingSettings } from './request-tracking-link.ts';
export { deleteTrackingLinks, openTrackingLink, peekTrackingLink, type TrackingLinkState } from './open-tracking-link.ts';
export { issueTrackingSession, readTrackingSession, TRACKING_COOKIE, TRACKING_SESSION_MS } from './tracking-session.ts';
