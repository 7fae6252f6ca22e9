function processorFn() {
  return true;
}

module.exports = { processorFn };
