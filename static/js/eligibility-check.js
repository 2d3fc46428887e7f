// The eligibility check form: offer only the target levels the chosen track leads to.
// Without JavaScript every level stays selectable and the server explains a wrong choice.
(function () {
  "use strict";
  var data = document.getElementById("track-levels");
  var track = document.getElementById("id_track");
  var level = document.getElementById("id_target_level");
  if (!data || !track || !level) {
    return;
  }
  var levels = JSON.parse(data.textContent);

  function restrict() {
    var allowed = levels[track.value] || [];
    var firstAllowed = null;
    Array.prototype.forEach.call(level.options, function (option) {
      var ok = allowed.indexOf(option.value) !== -1;
      option.disabled = !ok;
      option.hidden = !ok;
      if (ok && firstAllowed === null) {
        firstAllowed = option.value;
      }
    });
    if (allowed.indexOf(level.value) === -1 && firstAllowed !== null) {
      level.value = firstAllowed;
    }
  }

  track.addEventListener("change", restrict);
  restrict();
})();
