/* Maps of the robbery register (Leaflet, no base-map tiles: the maps work offline).
 *
 * #robbery-map: the filtered robberies as circle markers over the neighbourhoods of the
 * user's area; data from the GeoJSON endpoints named in data-areas-url / data-points-url.
 * #robbery-detail-map: one robbery (json_script "robbery-point") in its neighbourhood
 * ("robbery-boundary"). The table (list) and the "Where" facts (detail) are the text
 * alternative of each map.
 */
(function () {
  "use strict";

  var AREA_STYLE = { color: "#5c5c5c", weight: 1, fillColor: "#ffffff", fillOpacity: 0.6 };

  function baseMap(element) {
    return L.map(element, { attributionControl: false, zoomSnap: 0.25, maxZoom: 18 });
  }

  function marker(latlng, colour, radius) {
    return L.circleMarker(latlng, {
      radius: radius,
      color: "#ffffff",
      weight: 1.5,
      fillColor: colour,
      fillOpacity: 0.9,
      className: "ovr-marker",
    });
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
  }

  function listMap(element) {
    var map = baseMap(element);
    map.setView([52.1, 5.3], 8);
    var openLabel = element.dataset.openLabel || "Open";
    Promise.all([getJSON(element.dataset.areasUrl), getJSON(element.dataset.pointsUrl)])
      .then(function (results) {
        var areas = L.geoJSON(results[0], {
          style: AREA_STYLE,
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(feature.properties.name, { sticky: true });
          },
        }).addTo(map);
        var points = L.geoJSON(results[1], {
          pointToLayer: function (feature, latlng) {
            var p = feature.properties;
            return marker(latlng, p.colour, 6).bindPopup(
              "<strong>" + escapeText(p.label) + "</strong><br>" + escapeText(p.date) +
              '<br><a href="' + encodeURI(p.url) + '">' + escapeText(openLabel) + "</a>"
            );
          },
        }).addTo(map);
        var bounds = areas.getBounds();
        if (!bounds.isValid()) bounds = points.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
        element.dataset.markers = String(results[1].features.length);
        element.classList.add("ovr-map--ready");
      })
      .catch(function () {
        element.classList.add("ovr-map--failed");
      });
  }

  function detailMap(element) {
    var point = JSON.parse(document.getElementById("robbery-point").textContent);
    var boundary = JSON.parse(document.getElementById("robbery-boundary").textContent);
    var map = baseMap(element);
    var latlng = L.latLng(point.lat, point.lon);
    if (boundary) {
      var area = L.geoJSON(boundary, { style: AREA_STYLE }).addTo(map);
      map.fitBounds(area.getBounds().extend(latlng), { padding: [16, 16] });
    } else {
      map.setView(latlng, 15);
    }
    marker(latlng, point.colour, 9).bindTooltip(point.label).addTo(map);
    element.classList.add("ovr-map--ready");
  }

  function start() {
    if (typeof L === "undefined") return;
    var list = document.getElementById("robbery-map");
    if (list) listMap(list);
    var detail = document.getElementById("robbery-detail-map");
    if (detail) detailMap(detail);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
