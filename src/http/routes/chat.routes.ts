import multipart from '@fastify/multipart';
import websocket from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import { storeBytes } from '../../channels/email/attachment-store.ts';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../kernel/errors.ts';
import { findVisitor, recordUpload, UPLOAD_LIMITS } from '../../modules/chat/index.ts';
import { Gateway, Realtime } from '../../realtime/index.ts';
import { errorResponses, Type } from '../schemas.ts';

/** Bytes a file must start with to be what its type says; text types must hold no NUL byte. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'text/plain': (b) => !b.includes(0),
  'text/x-log': (b) => !b.includes(0),
};

/** The type of an upload: as sent, or text/plain for a .log or .txt sent as octet-stream. */
function uploadType(mimetype: string, filename: string): string {
  const type = mimetype.split(';')[0]!.trim().toLowerCase();
  if ((type === 'application/octet-stream' || type === '') && /\.(log|txt)$/i.test(filename)) return 'text/plain';
  return type;
}

const UploadSchema = Type.Object({ id: Type.Integer(), filename: Type.String(), content_type: Type.String(), size: Type.Integer() }, { description: 'An upload to name in a chat message\'s "attachments"' });

/**
 * Live chat at the edge: the WebSocket gateway at /chat/ws (docs/chat-protocol.md) and
 * POST /chat/uploads for a visitor's files. Starts this node's realtime layer and stops it on close.
 */
export function chatRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const realtime = new Realtime(deps);
    await realtime.start();
    const gateway = new Gateway(realtime);
    gateway.start();
    app.addHook('preClose', async () => {
      gateway.stop();
      await realtime.stop();
    });
    await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });
    await app.register(multipart, { limits: { fileSize: UPLOAD_LIMITS.bytes, files: 1, fields: 0, parts: 1 } });

    app.get('/chat/ws', { websocket: true, config: { access: 'public' }, schema: { hide: true } }, (socket, request) => gateway.attach(socket, request));

    app.post('/chat/uploads', {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['chat'],
        summary: 'Upload a file to a chat (multipart, one file, header x-visitor-token)',
        description: `Images (PNG, JPEG, GIF, WebP), PDF, plain text or .log, at most ${UPLOAD_LIMITS.bytes / 1024 / 1024} MB. Returns the id to name in a message's "attachments".`,
        consumes: ['multipart/form-data'],
        response: { 201: UploadSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      const token = request.headers['x-visitor-token'];
      const visitor = typeof token === 'string' ? await findVisitor(deps.store.db, token) : null;
      if (!visitor) throw new AppError('unauthorized', 'Send the visitor token from the chat\'s welcome in the x-visitor-token header');
      if (!request.isMultipart()) throw new AppError('validation_failed', 'Send the file as multipart/form-data');
      const file = await request.file();
      if (!file) throw new AppError('validation_failed', 'No file in the request', { file: 'missing' });
      let content: Buffer;
      try {
        content = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', `A file may be at most ${UPLOAD_LIMITS.bytes / 1024 / 1024} MB`);
        throw error;
      }
      const filename = (file.filename || 'upload').replace(/[\\/\r\n\0]/g, '_').slice(0, 200);
      const contentType = uploadType(file.mimetype, filename);
      if (!UPLOAD_LIMITS.types.includes(contentType)) throw new AppError('validation_failed', 'Only images (PNG, JPEG, GIF, WebP), PDF, text and .log files can be sent', { file: contentType.slice(0, 100) });
      if (content.length === 0) throw new AppError('validation_failed', 'The file is empty', { file: 'empty' });
      if (!MAGIC[contentType]!(content)) throw new AppError('validation_failed', `The file is not a ${contentType} file`, { file: 'content does not match its type' });
      const storageKey = await storeBytes(deps.config.dataDir, content);
      const upload = await recordUpload(deps.store.db, visitor.id, { filename, contentType, size: content.length, storageKey }, deps.clock.now().toISOString());
      return reply.status(201).send({ id: upload.id, filename: upload.filename, content_type: upload.contentType, size: upload.size });
    });
  };
}
