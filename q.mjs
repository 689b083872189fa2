import mongoose from 'mongoose';
const c = await mongoose.createConnection(process.env.U, { dbName: process.env.D }).asPromise();
const o = c.collection('outbox');
console.log(new Date().toISOString(), 'pending', await o.countDocuments({pending:true}), 'due', await o.countDocuments({pending:true, notBefore: {$lte: new Date()}}), 'dead', await o.countDocuments({dead:true}), 'all', await o.countDocuments({}), 'orders', await c.collection('orders').countDocuments({}));
console.log(JSON.stringify(await o.aggregate([{$match:{pending:true}},{$group:{_id:'$chatId', n:{$sum:1}}}]).toArray()));
console.log(JSON.stringify(await c.collection('leases').find({key:/mailbox/}).project({key:1,until:1,_id:0}).toArray()));
await c.close();
