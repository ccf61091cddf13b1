// Marks the page as having JavaScript before it is first painted (blocking, in <head>): styles show the chart boxes only then.
document.documentElement.dataset.js = 'on';
