/** Live chat: visitors, conversations (chat tickets) with per-conversation sequence numbers, uploads, identity, settings, transcripts. */
export * from './model.ts';
export { resolveVisitor, createVisitor, findVisitor, linkVisitor } from './visitors.ts';
export { sequencePending, sequenceOne } from './sequence.ts';
export { conversationStatus, getConversation, openConversationOf, conversationsOfAgent, messagesAfter, messagesByIds, messageByExternalId } from './queries.ts';
export { startChat, chatSubject, type StartChat, type StartedChat } from './start-chat.ts';
export { postCustomerMessage, postAgentMessage, type PostedMessage } from './post-message.ts';
export { closeChat } from './close-chat.ts';
export { queueTranscript, transcriptText } from './transcript.ts';
export { recordUpload, attachUploads, UPLOAD_LIMITS, type Upload } from './uploads.ts';
export { getChatSettings, updateChatSettings, rotateIdentitySecret, type ChatSettings } from './settings.ts';
export { verifyChatIdentity, linkVerifiedIdentity, signChatIdentity, IdentityError, type SignedChatIdentity, type VerifiedIdentity } from './identity.ts';
