console.log("liouville");
