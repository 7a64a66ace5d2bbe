// "Use my location" on a public product page: the only script of the catalogue, deferred. Without it (or
// without permission) the kecamatan choice does the same through a plain form.
(() => {
  const b = document.getElementById('use-location');
  if (!b || !('geolocation' in navigator)) return;
  const note = document.getElementById('location-note');
  b.hidden = false;
  b.addEventListener('click', () => {
    b.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const u = new URL(b.dataset.href || location.pathname, location.origin);
        u.searchParams.set('lat', pos.coords.latitude.toFixed(5));
        u.searchParams.set('lon', pos.coords.longitude.toFixed(5));
        u.hash = 'tersedia';
        location.assign(u.toString());
      },
      () => {
        b.disabled = false;
        if (note) note.textContent = b.dataset.denied || '';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
})();
