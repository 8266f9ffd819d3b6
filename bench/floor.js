// The least any page can do with the answer: fetch it, parse it, show the first offer's name.
const n = new URLSearchParams(location.search).get('n');
fetch(`/feed?n=${n}`)
  .then((response) => response.json())
  .then((feed) => {
    document.getElementById('name').textContent = feed.d.data[0].name;
  });
