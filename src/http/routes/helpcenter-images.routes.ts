import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError, badRequest } from '../../kernel/errors.ts';
import { MAX_IMAGE_BYTES, saveImage } from '../../modules/helpcenter/index.ts';
import { errorResponses, Type } from '../schemas.ts';

const ImageSchema = Type.Object({
  name: Type.String({ description: 'the stored file name: a stem from the upload, a content hash, the type' }),
  url: Type.String({ description: 'site path to use in Markdown: ![alt](url)' }),
  content_type: Type.Enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']),
  size: Type.Integer(),
  markdown: Type.String({ description: 'a ready Markdown image tag' }),
});

/** Multipart errors of the upload as our problems: too large is 413, anything else malformed is 400. */
function uploadError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError('payload_too_large', `Send one image of at most ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`, { image: 'too large' });
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return badRequest('Send the image as multipart/form-data with one file field named "image"', { image: 'missing' });
  return error;
}

/**
 * POST /api/v1/helpcenter/images: agents and admins upload an image for articles (one file,
 * PNG, JPEG, GIF or WebP by its bytes, at most 5 MiB). It is stored by content under the data
 * dir and answered once it is on disk, with the public path articles use.
 */
export function helpcenterImageRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    if (!app.hasContentTypeParser('multipart/form-data')) {
      await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 100 } });
    }

    app.post('/helpcenter/images', {
      config: { access: 'helpcenter:manage', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['helpcenter admin'],
        summary: 'Upload an image for articles (multipart/form-data, file field "image"); the same bytes always get the same URL',
        consumes: ['multipart/form-data'],
        response: { 201: ImageSchema, ...errorResponses },
      },
    }, async (request, reply) => {
      let bytes: Buffer;
      let filename: string;
      try {
        const file = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1 } });
        if (!file) throw badRequest('Send one file in a multipart field named "image"', { image: 'missing' });
        if (file.fieldname !== 'image') throw badRequest(`Send the file in a field named "image", not "${file.fieldname.slice(0, 40)}"`, { image: 'missing' });
        bytes = await file.toBuffer();
        filename = file.filename;
      } catch (error) {
        throw uploadError(error);
      }
      const image = saveImage(deps.config.dataDir, filename, bytes);
      const alt = filename.replace(/\.[^.]*$/, '').replace(/[\]\\[]/g, '').slice(0, 80);
      return reply.code(201).send({ name: image.name, url: image.url, content_type: image.contentType, size: image.size, markdown: `![${alt}](${image.url})` });
    });
  };
}
