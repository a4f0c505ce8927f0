// Makes thumbnails' Blobs and object URLs off the page's main thread; see
// src/lib/offMainThread/objectUrls.ts.
import { makeObjectUrls } from '../src/shared/makeObjectUrls';
import { serve } from './serve';

serve(makeObjectUrls);
