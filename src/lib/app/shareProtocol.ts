// How the service worker hands shared files to the page (share_target in
// the manifest): it keeps them in this Cache, one Response per file with its
// name and last-modified time in headers, and sends the page to `?shared=1`.
// Types only: the service worker is bundled on its own, and a value both
// imported would go into a chunk a classic service worker cannot load.
// Each side writes the literals, and these types check that they agree.

export type SharedCache = 'framepick-shared';
export type SharedNameHeader = 'x-framepick-name';
export type SharedModifiedHeader = 'x-framepick-last-modified';
/** The search parameter the page is sent to after a share. */
export type SharedParam = 'shared';
/** Where the manifest's share_target posts, relative to the scope. */
export type ShareAction = 'share-target';
/** The form field holding the files (the manifest's share_target.params.files[].name). */
export type ShareField = 'files';
