// The browser's IANA time zone, so the page can show instants on the viewer's own clock.
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
