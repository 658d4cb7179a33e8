import { describe, expect, it } from 'vitest';
import type { IgMedia } from '../../graph/graph-types';
import {
  collaboratorOf,
  graphTime,
  mediaAlt,
  mediaFallbackName,
  mediaKindLabel,
  mediaPagePath,
  thumbnailOf,
  truncate,
} from './media';

const reel: IgMedia = {
  id: '1',
  media_type: 'VIDEO',
  media_product_type: 'REELS',
  media_url: '/api/1/picture',
  thumbnail_url: '/api/1/picture?size=thumbnail',
  timestamp: '2026-11-27T20:19:00+0000',
};

describe('media helpers', () => {
  it('reads Graph timestamps with a +hhmm offset', () => {
    expect(graphTime('2026-11-27T20:19:00+0000')).toBe(Date.UTC(2026, 10, 27, 20, 19));
    expect(graphTime('2026-11-27T12:19:00-0800')).toBe(Date.UTC(2026, 10, 27, 20, 19));
    expect(graphTime(undefined)).toBeNaN();
  });

  it('uses the still of a video and the picture of anything else', () => {
    expect(thumbnailOf(reel)).toBe('/api/1/picture?size=thumbnail');
    expect(thumbnailOf({ ...reel, media_type: 'IMAGE' })).toBe('/api/1/picture');
    expect(thumbnailOf({ ...reel, thumbnail_url: undefined })).toBe('/api/1/picture');
  });

  it('names kinds as people do', () => {
    expect(mediaKindLabel(reel)).toBe('Reel');
    expect(mediaKindLabel({ media_type: 'VIDEO', media_product_type: 'FEED' })).toBe('Video');
    expect(mediaKindLabel({ media_type: 'CAROUSEL_ALBUM', media_product_type: 'FEED' })).toBe(
      'Carousel',
    );
    expect(mediaKindLabel({ media_type: 'IMAGE', media_product_type: 'STORY' })).toBe('Story');
  });

  it('takes alt text from the caption, else "Reel/Post from <date>"', () => {
    expect(mediaAlt({ ...reel, caption: '  Latte art.\nLink in bio. ' })).toBe(
      'Latte art. Link in bio.',
    );
    const date = new Date(graphTime(reel.timestamp)).toLocaleDateString('en-US', {
      dateStyle: 'medium',
    });
    expect(mediaAlt(reel)).toBe(`Reel from ${date}`);
    expect(mediaFallbackName({ ...reel, media_product_type: 'FEED' })).toBe(`Post from ${date}`);
  });

  it('truncates at a word with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('one two three four', 12)).toBe('one two…');
    expect(truncate('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('names the account a collaboration is seen through in its page address, and reads it back', () => {
    expect(mediaPagePath('17900')).toBe('/media/17900');
    const path = mediaPagePath('17900', '17841405822304914');
    expect(path).toBe('/media/17900?collaborator=17841405822304914');
    expect(collaboratorOf(new URL(path, 'http://x').searchParams)).toBe('17841405822304914');
    expect(collaboratorOf(new URLSearchParams('collaborator=../x'))).toBeUndefined();
    expect(collaboratorOf(new URLSearchParams(''))).toBeUndefined();
  });
});
