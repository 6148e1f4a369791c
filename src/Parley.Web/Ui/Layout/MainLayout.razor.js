// Fixes MudBlazor's markup leaves to us, for every page at once (the layout stays across page changes).
const containers = '.mud-table-container';

// A table wider than the screen scrolls inside its own box (the page itself never scrolls sideways). Keyboard users
// must be able to reach that box to scroll it (WCAG 2.1.1), so while it overflows it is focusable and named.
function nameOf(container) {
    const caption = container.querySelector('caption')?.textContent?.trim();
    const heading = container.closest('.mud-card, .mud-paper, main')?.querySelector('h1, h2, h3, h4, h5, h6')?.textContent?.trim();
    return `${caption || heading || 'Table'} (scrolls sideways)`;
}

function markScrolling(container) {
    const scrolls = container.scrollWidth > container.clientWidth + 1;
    if (scrolls && !container.hasAttribute('tabindex')) {
        container.setAttribute('tabindex', '0');
        container.setAttribute('role', 'region');
        container.setAttribute('aria-label', nameOf(container));
        container.dataset.parleyScrolls = 'true';
    } else if (!scrolls && container.dataset.parleyScrolls) {
        container.removeAttribute('tabindex');
        container.removeAttribute('role');
        container.removeAttribute('aria-label');
        delete container.dataset.parleyScrolls;
    }
}

// On a phone MudTable stacks each row into label/value lines; a cell without its own label takes its column's header,
// so the stacked row still says what each value is.
function labelCells(table) {
    const headers = [...table.querySelectorAll(':scope > thead > tr > th')].map(th => th.textContent.trim());
    if (headers.length === 0) {
        return;
    }

    // A row of one wide cell ("no records", a pager) is not a row of values.
    const rows = [...table.querySelectorAll(':scope > tbody > tr')].filter(row => row.children.length === headers.length);
    rows.forEach(row => [...row.children].forEach((cell, i) => {
        if (headers[i] && (!cell.hasAttribute('data-label') || cell.dataset.parleyLabel) && cell.getAttribute('data-label') !== headers[i]) {
            cell.setAttribute('data-label', headers[i]);
            cell.dataset.parleyLabel = 'true';
        }
    }));
}

// An expansion panel's header works from the keyboard but does not say it is a button, nor whether it is open.
function describePanel(header) {
    header.setAttribute('role', 'button');
    const expanded = header.closest('.mud-expand-panel')?.classList.contains('mud-panel-expanded') ? 'true' : 'false';
    if (header.getAttribute('aria-expanded') !== expanded) {
        header.setAttribute('aria-expanded', expanded);
    }
}

export function watch() {
    // The box and the table inside it: either changing size can start or stop the overflow.
    const resized = new ResizeObserver(entries => entries.forEach(e => {
        const container = e.target.closest(containers);
        if (container) {
            markScrolling(container);
        }
    }));
    const scan = () => {
        document.querySelectorAll(containers).forEach(container => {
            if (!container.dataset.parleyWatched) {
                container.dataset.parleyWatched = 'true';
                resized.observe(container);
                if (container.firstElementChild) {
                    resized.observe(container.firstElementChild);
                }
            }
        });
        document.querySelectorAll('.mud-table table').forEach(labelCells);
        document.querySelectorAll('.mud-expand-panel-header').forEach(describePanel);
    };
    let pending = false;
    scan();
    new MutationObserver(() => {
        if (!pending) {
            pending = true;
            requestAnimationFrame(() => {
                pending = false;
                scan();
            });
        }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
}
