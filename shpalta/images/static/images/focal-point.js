// Focal point picker for the photo library admin: a click on the preview sets the two
// per-mille inputs (0–1000 of width and height) and moves the marker.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".focal-picker").forEach(function (picker) {
    var img = picker.querySelector("img");
    var marker = picker.querySelector(".focal-marker");
    var inputX = document.getElementById(picker.dataset.xInput);
    var inputY = document.getElementById(picker.dataset.yInput);
    if (!img || !marker || !inputX || !inputY) return;
    function clamp(v) { return Math.min(1000, Math.max(0, Math.round(v))); }
    function place() {
      marker.style.left = clamp(inputX.value) / 10 + "%";
      marker.style.top = clamp(inputY.value) / 10 + "%";
    }
    img.addEventListener("click", function (event) {
      var box = img.getBoundingClientRect();
      inputX.value = clamp(((event.clientX - box.left) / box.width) * 1000);
      inputY.value = clamp(((event.clientY - box.top) / box.height) * 1000);
      place();
    });
    inputX.addEventListener("input", place);
    inputY.addEventListener("input", place);
    place();
  });
});
