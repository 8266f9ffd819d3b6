// The least any page can do with the answer: fetch it, parse it, show the first offer's name.
const query = new URLSearchParams(location.search);
const n = query.get('n');
fetch(query.get('endpoint') ? `${query.get('endpoint')}?page=1&page_size=${n}` : `/feed?n=${n}`)
  .then((response) => response.json())
  .then((feed) => {
    document.getElementById('name').textContent = feed.d.data[0].name;
  });
